import { createTestKafka, createTopics, collectMessages, startGroupAtTopicEnd, testKafkaBrokers } from '../src';

/** A group started at the end of a topic reads what follows and nothing of what a shared broker held before. */
describe('startGroupAtTopicEnd', () => {
  const brokers = testKafkaBrokers();
  const topic = `group-end-${Date.now().toString(36)}`;

  it('makes a new group, even one reading from the beginning, skip every message already on the topic', async () => {
    await createTopics(brokers, [topic]);
    const producer = createTestKafka(brokers).producer();
    await producer.connect();
    try {
      await producer.send({ topic, messages: ['a', 'b', 'c'].map((key) => ({ key, value: 'before' })) });
      await startGroupAtTopicEnd(brokers, `${topic}-group`, topic);
      const admin = createTestKafka(brokers).admin();
      await admin.connect();
      try {
        const ends = await admin.fetchTopicOffsets(topic);
        const [committed] = await admin.fetchOffsets({ groupId: `${topic}-group`, topics: [topic] });
        const byPartition = (offsets: Array<{ partition: number; offset: string }>) => Object.fromEntries(offsets.map(({ partition, offset }) => [partition, offset]));
        expect(byPartition(committed.partitions)).toEqual(byPartition(ends.map(({ partition, high }) => ({ partition, offset: high }))));
        expect(ends.reduce((sum, { high }) => sum + Number(high), 0)).toBe(3);
      } finally {
        await admin.disconnect();
      }
      await producer.send({ topic, messages: [{ key: 'd', value: 'after' }] });
      const collector = await collectMessages(brokers, topic, { groupId: `${topic}-group`, fromBeginning: true });
      try {
        await collector.waitForMessage((message) => message.value === 'after');
        // A later marker on the same partition as 'after' bounds what else could still arrive.
        await producer.send({ topic, messages: [{ key: 'd', value: 'marker' }] });
        await collector.waitForMessage((message) => message.value === 'marker');
        expect(collector.messages.map((message) => message.value)).not.toContain('before');
      } finally {
        await collector.stop();
      }
    } finally {
      await producer.disconnect();
    }
  });

  it('does nothing for a topic that does not exist yet', async () => {
    await expect(startGroupAtTopicEnd(brokers, `${topic}-absent`, `${topic}-absent`)).resolves.toBeUndefined();
  });
});
