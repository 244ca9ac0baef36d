/**
 * Just enough of the WebAssembly binary format (https://webassembly.github.io/spec/core/binary/) to build a module
 * that imports one memory and exports one function taking i32 arguments and returning nothing. The block walk is generated per
 * forest with its sizes and array offsets as constants, so a tool chain at build time would not help.
 */

export type Bytes = readonly number[];

export const I32 = 0x7f;

function unsignedLeb128(value: number): Bytes {
  const out: number[] = [];
  let rest = value >>> 0;
  do {
    const low = rest & 0x7f;
    rest >>>= 7;
    out.push(rest === 0 ? low : low | 0x80);
  } while (rest !== 0);
  return out;
}

function signedLeb128(value: number): Bytes {
  const out: number[] = [];
  let rest = value | 0;
  for (;;) {
    const low = rest & 0x7f;
    rest >>= 7;
    const isLast = (rest === 0 && (low & 0x40) === 0) || (rest === -1 && (low & 0x40) !== 0);
    out.push(isLast ? low : low | 0x80);
    if (isLast) return out;
  }
}

/** The instructions the walk uses; loads and stores take a byte offset added to the address on the stack. */
export const op = {
  localGet: (index: number): Bytes => [0x20, ...unsignedLeb128(index)],
  localSet: (index: number): Bytes => [0x21, ...unsignedLeb128(index)],
  localTee: (index: number): Bytes => [0x22, ...unsignedLeb128(index)],
  i32Const: (value: number): Bytes => [0x41, ...signedLeb128(value)],
  i32Add: [0x6a],
  i32Sub: [0x6b],
  i32And: [0x71],
  i32Shl: [0x74],
  i32ShrS: [0x75],
  i32Eqz: [0x45],
  i32GeU: [0x4f],
  /** i32.load with 4-byte alignment. */
  i32Load: (offset: number): Bytes => [0x28, 2, ...unsignedLeb128(offset)],
  /** f64.load / f64.store with 8-byte alignment. */
  f64Load: (offset: number): Bytes => [0x2b, 3, ...unsignedLeb128(offset)],
  f64Store: (offset: number): Bytes => [0x39, 3, ...unsignedLeb128(offset)],
  f64Le: [0x65],
  f64Add: [0xa0],
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  end: [0x0b],
  br: (depth: number): Bytes => [0x0c, ...unsignedLeb128(depth)],
  brIf: (depth: number): Bytes => [0x0d, ...unsignedLeb128(depth)],
} as const;

const vector = (items: Bytes[]): Bytes => [...unsignedLeb128(items.length), ...items.flat()];
const name = (text: string): Bytes => vector([...Buffer.from(text, 'utf8')].map((byte) => [byte]));
const section = (id: number, content: Bytes): Bytes => [id, ...unsignedLeb128(content.length), ...content];

/**
 * A module importing `env.memory` (at least `memoryPages` pages of 64 KiB) and exporting `exportName`, a function
 * of `i32Params` i32 parameters and no result, with `i32Locals` more i32 locals (numbered after the parameters)
 * and the given body (without its final `end`).
 */
export function oneFunctionModule(options: { memoryPages: number; exportName: string; i32Params: number; i32Locals: number; body: Bytes }): Uint8Array {
  const code = [...vector([[...unsignedLeb128(options.i32Locals), I32]]), ...options.body, ...op.end];
  const params = Array.from({ length: options.i32Params }, (): Bytes => [I32]);
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // "\0asm", version 1
    ...section(1, vector([[0x60, ...vector(params), 0x00]])), // types: (i32 …) → ()
    ...section(2, vector([[...name('env'), ...name('memory'), 0x02, 0x00, ...unsignedLeb128(options.memoryPages)]])), // imports
    ...section(3, vector([[0x00]])), // functions: #0 of type 0
    ...section(7, vector([[...name(options.exportName), 0x00, 0x00]])), // exports: function #0
    ...section(10, vector([[...unsignedLeb128(code.length), ...code]])), // code
  ]);
}
