import { EventSource } from 'eventsource';
import { Topics, type MessageRequested } from '@syncengage/contracts';
import { createRuntime, type Runtime } from '@syncengage/runtime';
import { createFreshDatabase, waitFor, type FreshDatabase } from '@syncengage/testing';
import { loadNotifierConfig } from '../src/config';
import { startNotifier, type RunningNotifier } from '../src/start-notifier';
import { aMessageRequested } from './support/message-requested';

/**
 * The notifier as the embedded mode runs it (in-process bus, real PostgreSQL, real HTTP): message-requested for
 * the in_app channel lands in the customer's inbox, arrives live on an open Server-Sent Events stream read by a
 * WHATWG EventSource client, and is listed and marked read over REST.
 */
describe('the in-app inbox', () => {
  let database: FreshDatabase;
  let runtime: Runtime;
  let notifier: RunningNotifier;
  const streams: EventSource[] = [];

  beforeAll(async () => {
    database = await createFreshDatabase('notifier_inbox');
    const config = loadNotifierConfig({ DATABASE_URL: database.url, NOTIFIER_HTTP_PORT: '0', LOG_LEVEL: 'error' });
    runtime = await createRuntime(config.infrastructure);
    notifier = await startNotifier(config, runtime);
  }, 60_000);
  afterAll(async () => {
    streams.forEach((stream) => stream.close());
    await notifier?.close();
    await database?.drop();
  });

  const inApp = (customerId: string, text: string): MessageRequested =>
    aMessageRequested({ channel: 'in_app', customerId, recipient: {}, content: { subject: 'A gift for you', text } });
  const request = (message: MessageRequested) => runtime.publisher.publish(Topics.MessageRequested, message, `trace-${message.eventId}`);
  const resultOf = async (message: MessageRequested) => {
    const { rows } = await runtime.db.query<{ status: string; provider: string }>('SELECT status, provider FROM notifier_sends WHERE message_id = $1', [message.eventId]);
    return rows[0];
  };

  async function openStream(customerId: string): Promise<{ events: Array<{ id: string; data: Record<string, unknown> }> }> {
    const events: Array<{ id: string; data: Record<string, unknown> }> = [];
    const stream = new EventSource(`${notifier.url}/inbox/${customerId}/stream`);
    streams.push(stream);
    stream.addEventListener('message', (event) => events.push({ id: event.lastEventId, data: JSON.parse(event.data) as Record<string, unknown> }));
    await new Promise<void>((opened, failed) => {
      stream.onopen = () => opened();
      stream.onerror = (error) => failed(new Error(`SSE stream failed: ${error.message ?? error.type}`));
    });
    return { events };
  }

  it('pushes a delivered message to the open stream once, even when its message-requested arrives twice', async () => {
    const customerId = 'inbox-live';
    const { events } = await openStream(customerId);
    const first = inApp(customerId, 'Your 10% code: WB-10');
    const second = inApp(customerId, 'Last day for your 10% code');

    await request(first);
    await waitFor(() => events.length === 1, { description: 'the first message on the stream' });
    await request(first);
    await request(second);
    await waitFor(() => events.length >= 2, { description: 'the second message on the stream' });

    // Per customer, messages are handled in order: had the redelivery been pushed, it would sit between the two.
    expect(events.map((event) => event.id)).toEqual([first.eventId, second.eventId]);
    expect(events[0].data).toMatchObject({ messageId: first.eventId, customerId, campaignId: 'win-back-10', subject: 'A gift for you', body: 'Your 10% code: WB-10' });
    expect(await resultOf(first)).toEqual({ status: 'sent', provider: 'in-app' });
    const listed = (await (await fetch(`${notifier.url}/inbox/${customerId}`)).json()) as { messages: unknown[] };
    expect(listed.messages).toHaveLength(2);
  });

  it('lists the inbox newest first with the unread count, and marks a message read once', async () => {
    const customerId = 'inbox-rest';
    const older = inApp(customerId, 'older');
    const newer = inApp(customerId, 'newer');
    await request(older);
    await waitFor(async () => (await resultOf(older))?.status === 'sent', { description: 'the older message delivered' });
    await request(newer);
    await waitFor(async () => (await resultOf(newer))?.status === 'sent', { description: 'the newer message delivered' });

    const list = async () => (await (await fetch(`${notifier.url}/inbox/${customerId}`)).json()) as { unread: number; messages: Array<{ messageId: string; readAt?: string }> };
    expect(await list()).toMatchObject({ unread: 2, messages: [{ messageId: newer.eventId }, { messageId: older.eventId }] });

    const read = await fetch(`${notifier.url}/inbox/${customerId}/${older.eventId}/read`, { method: 'POST' });
    expect(read.status).toBe(200);
    const firstRead = (await read.json()) as { readAt: string; firstRead: boolean };
    expect(firstRead).toMatchObject({ messageId: older.eventId, firstRead: true });
    const again = (await (await fetch(`${notifier.url}/inbox/${customerId}/${older.eventId}/read`, { method: 'POST' })).json()) as { readAt: string; firstRead: boolean };
    expect(again).toEqual({ messageId: older.eventId, readAt: firstRead.readAt, firstRead: false });

    expect(await list()).toMatchObject({ unread: 1, messages: [{ messageId: newer.eventId }, { messageId: older.eventId, readAt: firstRead.readAt }] });
  });

  it('answers 404 for another customer\'s message and 400 for a message id that is not one', async () => {
    const message = inApp('inbox-owner', 'private');
    await request(message);
    await waitFor(async () => (await resultOf(message))?.status === 'sent', { description: 'the message delivered' });

    expect((await fetch(`${notifier.url}/inbox/someone-else/${message.eventId}/read`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${notifier.url}/inbox/inbox-owner/not-a-uuid/read`, { method: 'POST' })).status).toBe(400);
  });
});
