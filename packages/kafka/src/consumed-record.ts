/** One message as a consumer received it, whatever carried it (Kafka or the in-process bus). */
export interface ConsumedRecord {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  headers: Record<string, string>;
  value: Buffer;
}

/** What both KafkaContext and InProcessContext offer to a `@Ctx()` parameter. */
export interface RecordContext {
  getTopic(): string;
  getPartition(): number;
  getMessage(): { key?: unknown; offset: string; headers?: Record<string, unknown> };
}

/** The transport is configured to keep values binary, so poison bytes reach the dead-letter topic untouched. */
export function recordFromContext(value: unknown, context: RecordContext): ConsumedRecord {
  const message = context.getMessage();
  return {
    topic: context.getTopic(),
    partition: context.getPartition(),
    offset: String(message.offset),
    key: message.key === null || message.key === undefined ? null : String(message.key),
    headers: stringHeaders(message.headers ?? {}),
    value: toBuffer(value),
  };
}

function stringHeaders(headers: Record<string, unknown>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || value === null) continue;
    result[name] = Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
  }
  return result;
}

function toBuffer(value: unknown): Buffer {
  if (Buffer.isBuffer(value)) return value;
  if (value === null || value === undefined) return Buffer.alloc(0);
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value), 'utf8');
}
