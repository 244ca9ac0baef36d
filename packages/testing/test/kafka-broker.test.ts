import { randomBytes } from 'node:crypto';
import { Partitioners, type Producer } from 'kafkajs';
import { collectMessages, createTestKafka, createTopics, testKafkaBrokers, waitFor, type CollectedMessage } from '../src';

const runId = randomBytes(3).toString('hex');

describe('the test Kafka broker', () => {
  const brokers = testKafkaBrokers();
  let producer: Producer;

  beforeAll(async () => {
    producer = createTestKafka(brokers, `producer-${runId}`).producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
  });

  afterAll(async () => {
    await producer.disconnect();
  });

  it('delivers keyed messages with their headers, in order for each key', async () => {
    const topic = `ordered-${runId}`;
    await createTopics(brokers, [topic], 3);
    const collector = await collectMessages(brokers, topic);
    try {
      await producer.send({
        topic,
        messages: [
          { key: 'customer-a', value: 'a-1', headers: { 'x-trace': 'trace-1' } },
          { key: 'customer-b', value: 'b-1', headers: { 'x-trace': 'trace-2' } },
          { key: 'customer-a', value: 'a-2', headers: { 'x-trace': 'trace-3' } },
        ],
      });
      await waitFor(() => collector.messages.length === 3, { description: 'all three messages' });
      const valuesOf = (key: string) => collector.messages.filter((message) => message.key === key).map((message) => message.value);
      expect(valuesOf('customer-a')).toEqual(['a-1', 'a-2']);
      expect(valuesOf('customer-b')).toEqual(['b-1']);
      expect(Object.fromEntries(collector.messages.map((message) => [message.value, message.headers['x-trace']]))).toEqual({
        'a-1': 'trace-1',
        'b-1': 'trace-2',
        'a-2': 'trace-3',
      });
    } finally {
      await collector.stop();
    }
  });

  it('resumes a consumer group after its committed offsets, so a restarted member sees only new messages', async () => {
    const topic = `resume-${runId}`;
    const groupId = `resume-group-${runId}`;
    // One partition: anything redelivered would arrive before the new messages and show up in the list.
    await createTopics(brokers, [topic], 1);
    const send = (values: string[]) => producer.send({ topic, messages: values.map((value) => ({ key: 'same', value })) });
    const valuesOf = (messages: CollectedMessage[]) => messages.map((message) => message.value);

    const first = await collectMessages(brokers, topic, { groupId });
    await send(['old-1', 'old-2', 'old-3']);
    await waitFor(() => first.messages.length === 3, { description: 'the first three messages' });
    await first.stop();

    await send(['new-1', 'new-2']);
    const restarted = await collectMessages(brokers, topic, { groupId });
    try {
      await restarted.waitForMessage((message) => message.value === 'new-2');
      expect(valuesOf(first.messages)).toEqual(['old-1', 'old-2', 'old-3']);
      expect(valuesOf(restarted.messages)).toEqual(['new-1', 'new-2']);
    } finally {
      await restarted.stop();
    }
  });

  it('lets a consumer that starts at the end see messages produced after collectMessages resolves', async () => {
    const topic = `latest-${runId}`;
    await createTopics(brokers, [topic], 3);
    await producer.send({ topic, messages: [{ key: 'k', value: 'before' }] });
    const collector = await collectMessages(brokers, topic, { fromBeginning: false });
    try {
      await producer.send({ topic, messages: [{ key: 'k', value: 'after' }] });
      await collector.waitForMessage((message) => message.value === 'after');
      expect(collector.messages.map((message) => message.value)).toEqual(['after']);
    } finally {
      await collector.stop();
    }
  });
});

describe(waitFor.name, () => {
  it('names what it waited for and the last probe error when the deadline passes', async () => {
    let attempts = 0;
    const probe = () => {
      attempts += 1;
      throw new Error(`not yet (attempt ${attempts})`);
    };
    await expect(waitFor(probe, { description: 'the moon to turn blue', timeoutMs: 200, intervalMs: 20 })).rejects.toThrow(
      /Timed out after 200 ms waiting for the moon to turn blue; last probe error: Error: not yet \(attempt \d+\)/,
    );
    expect(attempts).toBeGreaterThan(2);
  });

  it('resolves with the first truthy value the probe returns', async () => {
    let calls = 0;
    await expect(waitFor(async () => (++calls >= 3 ? `ready after ${calls}` : undefined), { description: 'three calls' })).resolves.toBe('ready after 3');
  });

  it('gives up on a probe that hangs past the deadline', async () => {
    const hangs = () => new Promise<never>(() => undefined);
    await expect(waitFor(hangs, { description: 'a hung probe', timeoutMs: 100 })).rejects.toThrow('waiting for a hung probe');
  });
});
