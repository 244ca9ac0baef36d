import { z } from 'zod';
import { decodeWith, parseJson } from './decode';
import { InvalidEvent } from './invalid-event';

describe('parseJson', () => {
  it.each([
    ['a Buffer', Buffer.from('{"customerId":"c-1","n":[1,2]}', 'utf8')],
    ['a string', '{"customerId":"c-1","n":[1,2]}'],
  ])('parses JSON given as %s', (_, bytes) => {
    expect(parseJson('customer-updated', bytes)).toEqual({ customerId: 'c-1', n: [1, 2] });
  });

  it.each([
    ['truncated JSON', Buffer.from('{"customerId":"c-1"')],
    ['plain text', Buffer.from('hello')],
    ['empty bytes', Buffer.alloc(0)],
    ['binary garbage', Buffer.from([0xff, 0xfe, 0x00, 0x81])],
  ])('rejects %s as a never-retryable InvalidEvent at the root', (_, bytes) => {
    let caught: unknown;
    try {
      parseJson('churn-scored', bytes);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidEvent);
    expect(caught).toMatchObject({ eventName: 'churn-scored', code: 'INVALID_EVENT', retryable: false });
    expect((caught as InvalidEvent).issues).toEqual([expect.stringMatching(/^\(root\): not JSON \(.+\)$/)]);
    expect((caught as InvalidEvent).message).toMatch(/^invalid churn-scored: \(root\): not JSON/);
  });
});

describe('decodeWith', () => {
  const schema = z.object({ nested: z.object({ count: z.number().int() }), tags: z.array(z.string()) });

  it('returns the parsed value when the input matches', () => {
    expect(decodeWith('thing', schema, { nested: { count: 3 }, tags: ['a'] })).toEqual({ nested: { count: 3 }, tags: ['a'] });
  });

  it('names nested and array fields with dotted paths', () => {
    expect(() => decodeWith('thing', schema, { nested: { count: 'three' }, tags: ['a', 7] })).toThrow(
      'invalid thing: nested.count: Expected number, received string; tags.1: Expected string, received number',
    );
  });
});
