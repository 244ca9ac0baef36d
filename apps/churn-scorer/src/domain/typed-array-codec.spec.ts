import { decodeNumbers, encodeNumbers } from './typed-array-codec';

describe('typed array codec', () => {
  it.each([
    { kind: 'int16' as const, values: [-1, 0, 7, 32767] },
    { kind: 'int32' as const, values: [-1, 0, 2_000_000_000] },
    { kind: 'float64' as const, values: [0.1, -1e300, Math.PI] },
  ])('round-trips $kind values', ({ kind, values }) => {
    expect(Array.from(decodeNumbers(kind as 'int32', encodeNumbers(kind, values)))).toEqual(values);
  });

  it('stores float32 at float32 precision', () => {
    expect(decodeNumbers('float32', encodeNumbers('float32', [0.1]))[0]).toBe(Math.fround(0.1));
  });

  it('writes little-endian bytes on any machine', () => {
    expect(Buffer.from(encodeNumbers('int32', [1]), 'base64')).toEqual(Buffer.from([1, 0, 0, 0]));
  });

  it('refuses a byte count that is not a whole number of values', () => {
    expect(() => decodeNumbers('float64', Buffer.from([1, 2, 3]).toString('base64'))).toThrow(/whole number/);
  });
});
