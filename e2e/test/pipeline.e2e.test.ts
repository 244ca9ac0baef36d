import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import { deadLetterTopicOf, EventHeaders, Topics, type DeadLetter } from '@syncengage/contracts';
import { ensureTopics } from '@syncengage/kafka';
import { collectMessages, CONSUMED_TOPICS, PIPELINE_SERVICES, startPipelineProcesses, waitFor, type MessageCollector, type PipelineProcesses } from '@syncengage/testing';

/**
 * The whole pipeline as in production: four separate processes, each with its own database, talking only
 * through a real Kafka broker. A webhook goes in; a campaign-result must come out.
 */
describe('the retention pipeline over real Kafka and PostgreSQL', () => {
  const brokers = (process.env.SYNCENGAGE_TEST_KAFKA_BROKERS ?? '').split(',').filter(Boolean);
  const runId = `e2e${Date.now().toString(36)}`;
  let pipeline: PipelineProcesses;
  let producer: Producer;
  let results: MessageCollector;
  let decisions: MessageCollector;
  let deadLetters: MessageCollector[];
  let ingestUrl: string;
  let outboxUrl: string;

  beforeAll(async () => {
    if (brokers.length === 0) throw new Error('SYNCENGAGE_TEST_KAFKA_BROKERS is not set: run through the jest global setup or with-test-broker');
    await ensureTopics(brokers, 3);
    results = await collectMessages(brokers, Topics.CampaignResult, { groupId: `${runId}-results`, fromBeginning: false });
    decisions = await collectMessages(brokers, Topics.DecisionRecorded, { groupId: `${runId}-decisions`, fromBeginning: false });
    deadLetters = await Promise.all(
      Object.values(Topics).map((topic) => collectMessages(brokers, deadLetterTopicOf(topic), { groupId: `${runId}-dlq-${topic}`, fromBeginning: false })),
    );
    const kafka = new Kafka({ clientId: `${runId}-producer`, brokers, logLevel: logLevel.WARN });
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();

    pipeline = await startPipelineProcesses({ brokers, runId, env: { AB_HOLDOUT_PERCENT: '0' } });
    ingestUrl = pipeline.ingestUrl;
    outboxUrl = pipeline.outboxUrl;
  }, 120_000);

  afterAll(async () => {
    await pipeline?.stop();
    await producer?.disconnect();
    await results?.stop();
    await decisions?.stop();
    await Promise.all((deadLetters ?? []).map((collector) => collector.stop()));
  }, 60_000);

  it('turns a purchase webhook into a delivered retention message and a campaign-result', async () => {
    const customerId = `${runId}-cust-123`;
    const traceId = `${runId}-trace`;
    const post = (body: unknown) =>
      fetch(`${ingestUrl}/webhook/customer-updated`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [EventHeaders.TraceId]: traceId },
        body: JSON.stringify(body),
      });

    const profile = await post({ customer_id: customerId, event: 'customer_created', data: { email: 'ana@example.com', first_name: 'Ana', locale: 'es-MX', email_consent: true } });
    expect(profile.status).toBe(202);
    const sentAt = Date.now();
    const purchase = await post({ customer_id: customerId, event: 'purchase_made', data: { order_id: 'o-1', amount: 42.5, currency: 'EUR' } });
    expect(purchase.status).toBe(202);
    expect(((await purchase.json()) as { eventId: string }).eventId).toMatch(/^[0-9a-f-]{36}$/);

    const result = await waitFor(() => results.messages.find((message) => message.key === customerId), {
      timeoutMs: 30_000,
      description: `campaign-result for ${customerId}`,
    });
    const elapsedMs = Date.now() - sentAt;
    const event = JSON.parse(result.value);
    expect(event).toMatchObject({ customerId, status: 'sent', provider: 'local-outbox', channel: 'email' });
    // The trace id given to the webhook followed the event through all four services.
    expect(result.headers[EventHeaders.TraceId]).toBe(traceId);
    process.stdout.write(`webhook → campaign-result: ${elapsedMs} ms\n`);

    const outbox = (await (await fetch(`${outboxUrl}?customerId=${encodeURIComponent(customerId)}`)).json()) as { messages: Array<Record<string, unknown>> };
    expect(outbox.messages).toHaveLength(1);
    expect(outbox.messages[0]).toMatchObject({ recipient: 'ana@example.com', locale: 'es', campaign_id: event.campaignId });

    // The orchestrator recorded the decision behind the message as an event of its own: what the console measures uplift from.
    const decision = await waitFor(() => decisions.messages.find((message) => message.key === customerId && JSON.parse(message.value).action === 'send'), {
      timeoutMs: 30_000,
      description: `decision-recorded (send) for ${customerId}`,
    });
    expect(JSON.parse(decision.value)).toMatchObject({ eventType: 'decision-recorded', action: 'send', messageId: event.messageId, campaignId: event.campaignId, channel: 'email' });
  }, 60_000);

  it('rejects a malformed webhook with the reason and publishes nothing', async () => {
    const updates = await collectMessages(brokers, Topics.CustomerUpdated, { groupId: `${runId}-updates`, fromBeginning: false });
    try {
      const customerId = `${runId}-bad`;
      const response = await fetch(`${ingestUrl}/webhook/customer-updated`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ customer_id: customerId, event: 'purchase_made', data: { order_id: 'o-2', amount: 'lots' } }),
      });
      expect(response.status).toBe(400);
      expect(JSON.stringify(await response.json())).toContain('data.amount');
      // A good webhook sent after the bad one was answered; once it is on the topic, the bad one would be too.
      const sentinel = `${runId}-sentinel`;
      const accepted = await fetch(`${ingestUrl}/webhook/customer-updated`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ customer_id: sentinel, event: 'profile_updated', data: { first_name: 'Sam' } }),
      });
      expect(accepted.status).toBe(202);
      await updates.waitForMessage((message) => message.key === sentinel, 15_000);
      expect(updates.messages.filter((message) => message.key === customerId)).toEqual([]);
    } finally {
      await updates.stop();
    }
  }, 60_000);

  // Every service consuming a topic dead-letters what it cannot read, under its own consumer group.
  const consumers = (topic: string): string[] => PIPELINE_SERVICES.filter((service) => CONSUMED_TOPICS[service].includes(topic));
  const consumedTopics = Object.values(Topics).filter((topic) => consumers(topic).length > 0);

  it.each(consumedTopics)('dead-letters a poison message on %s, once per consuming service, and keeps consuming', async (topic) => {
    const poisonKey = `${runId}-poison-${topic}`;
    await producer.send({ topic, messages: [{ key: poisonKey, value: Buffer.from([0x7b, 0xff, 0x00, 0x01]) }] });
    await producer.send({ topic, messages: [{ key: poisonKey, value: JSON.stringify({ eventType: topic, schemaVersion: 1 }) }] });
    const collector = deadLetters[Object.values(Topics).indexOf(topic)];
    for (const service of consumers(topic)) {
      const letters = await waitFor(
        () => {
          const mine = collector.messages
            .map((message) => JSON.parse(message.value) as DeadLetter)
            .filter((letter) => letter.key === poisonKey && letter.consumerGroup === `${runId}-${service}`);
          return mine.length >= 2 ? mine : undefined;
        },
        { timeoutMs: 30_000, description: `two dead letters from ${service} on ${deadLetterTopicOf(topic)}` },
      );
      expect(letters).toHaveLength(2);
      const [unparseable, invalid] = letters;
      expect(unparseable).toMatchObject({ originalTopic: topic, errorCode: 'INVALID_EVENT' });
      expect(unparseable.reason).toContain('not JSON');
      expect(Buffer.from(unparseable.valueBase64, 'base64')).toEqual(Buffer.from([0x7b, 0xff, 0x00, 0x01]));
      expect(invalid.reason).toContain('eventId');
    }
  }, 60_000);

  it('processes the next good event after poison on customer-updated', async () => {
    const customerId = `${runId}-after-poison`;
    await producer.send({ topic: Topics.CustomerUpdated, messages: [{ key: customerId, value: '{"not": "an event"}' }] });
    const response = await fetch(`${ingestUrl}/webhook/customer-updated`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ customer_id: customerId, event: 'purchase_made', data: { order_id: 'o-3', amount: 10, email: 'leo@example.com' } }),
    });
    expect(response.status).toBe(202);
    const result = await waitFor(() => results.messages.find((message) => message.key === customerId), {
      timeoutMs: 30_000,
      description: `campaign-result for ${customerId} after a poison message on its partition`,
    });
    expect(JSON.parse(result.value).status).toBe('sent');
  }, 60_000);
});
