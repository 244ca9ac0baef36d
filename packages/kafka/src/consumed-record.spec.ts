import { recordFromContext, type RecordContext } from './consumed-record';

const contextOf = (message: ReturnType<RecordContext['getMessage']>, topic = 'churn-scored', partition = 2): RecordContext => ({
  getTopic: () => topic,
  getPartition: () => partition,
  getMessage: () => message,
});

describe(recordFromContext.name, () => {
  it('keeps a binary value byte for byte, with topic, partition, offset and key', () => {
    const poison = Buffer.from([0xff, 0x00, 0xfe]);
    expect(recordFromContext(poison, contextOf({ key: Buffer.from('cust-1'), offset: '17' }))).toEqual({
      topic: 'churn-scored',
      partition: 2,
      offset: '17',
      key: 'cust-1',
      headers: {},
      value: poison,
    });
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
  ])('reads a %s key as no key', (_, key) => {
    expect(recordFromContext(Buffer.alloc(0), contextOf({ key, offset: '0' })).key).toBeNull();
  });

  it('turns Buffer headers into strings and drops empty ones', () => {
    const record = recordFromContext(Buffer.alloc(0), contextOf({ offset: '0', headers: { 'x-trace-id': Buffer.from('t-1'), 'x-schema-version': 1, 'x-none': undefined, 'x-null': null } }));
    expect(record.headers).toEqual({ 'x-trace-id': 't-1', 'x-schema-version': '1' });
  });

  it.each([
    ['a string', '{"a":1}', '{"a":1}'],
    ['an already-parsed object', { a: 1 }, '{"a":1}'],
    ['nothing', null, ''],
  ])('turns %s value into bytes', (_, value, text) => {
    expect(recordFromContext(value, contextOf({ offset: '0' })).value.toString('utf8')).toBe(text);
  });
});
