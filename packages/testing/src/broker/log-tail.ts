import { open } from 'node:fs/promises';

/** The last `lineCount` lines of a log file that may be large or missing. */
export async function readLogTail(path: string, lineCount = 40): Promise<string> {
  const maxBytes = 16 * 1024;
  try {
    const file = await open(path, 'r');
    try {
      const { size } = await file.stat();
      const start = Math.max(0, size - maxBytes);
      const { buffer, bytesRead } = await file.read(Buffer.alloc(size - start), 0, size - start, start);
      return buffer.subarray(0, bytesRead).toString('utf8').split('\n').slice(-lineCount - 1).join('\n').trimEnd();
    } finally {
      await file.close();
    }
  } catch (error) {
    return `(no log: ${(error as Error).message})`;
  }
}
