/**
 * Typed arrays as base64 of their little-endian bytes: compact in JSON and the same on every platform
 * (a raw buffer view would follow the machine's byte order).
 */
type NumericKind = 'int16' | 'int32' | 'float32' | 'float64';

const BYTES: Record<NumericKind, number> = { int16: 2, int32: 4, float32: 4, float64: 8 };

export function encodeNumbers(kind: NumericKind, values: ArrayLike<number>): string {
  const width = BYTES[kind];
  const view = new DataView(new ArrayBuffer(values.length * width));
  for (let i = 0; i < values.length; i++) {
    const at = i * width;
    if (kind === 'int16') view.setInt16(at, values[i], true);
    else if (kind === 'int32') view.setInt32(at, values[i], true);
    else if (kind === 'float32') view.setFloat32(at, values[i], true);
    else view.setFloat64(at, values[i], true);
  }
  return Buffer.from(view.buffer).toString('base64');
}

/** Decodes into a Float64Array or Int32Array; throws when the byte count does not fit the element width. */
export function decodeNumbers(kind: 'int16' | 'int32', base64: string): Int32Array;
export function decodeNumbers(kind: 'float32' | 'float64', base64: string): Float64Array;
export function decodeNumbers(kind: NumericKind, base64: string): Int32Array | Float64Array {
  const bytes = Buffer.from(base64, 'base64');
  const width = BYTES[kind];
  if (bytes.length % width !== 0) throw new RangeError(`${bytes.length} bytes is not a whole number of ${kind} values`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const count = bytes.length / width;
  const out = kind === 'int16' || kind === 'int32' ? new Int32Array(count) : new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const at = i * width;
    if (kind === 'int16') out[i] = view.getInt16(at, true);
    else if (kind === 'int32') out[i] = view.getInt32(at, true);
    else if (kind === 'float32') out[i] = view.getFloat32(at, true);
    else out[i] = view.getFloat64(at, true);
  }
  return out;
}
