import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

export interface ServiceProcess {
  name: string;
  /** The service's own start-up line, e.g. "ingest listening on http://127.0.0.1:41234 (kafka, ...)". */
  readyLine: string;
  output(): string;
  stop(): Promise<void>;
}

// dist/service-process.js → the repository root, where apps/<name>/dist/main.js live.
const REPO_ROOT = resolve(__dirname, '../../..');

/**
 * Starts one service the way production does: its own process, `node apps/<name>/dist/main.js`, configured
 * only through environment variables. Resolves when the service prints its start-up line.
 */
export async function startServiceProcess(name: string, env: Record<string, string>, readyPattern: RegExp, timeoutMs = 60_000): Promise<ServiceProcess> {
  const child: ChildProcess = spawn(process.execPath, [resolve(REPO_ROOT, `apps/${name}/dist/main.js`)], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const readyLine = await new Promise<string>((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const check = () => {
      const line = output.split('\n').find((candidate) => readyPattern.test(candidate));
      if (line) {
        clearTimeout(timer);
        resolveReady(line);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before it was ready:\n${output}`));
    });
  });
  return {
    name,
    readyLine,
    output: () => output,
    stop: async () => {
      // A child killed by a signal has a null exitCode but a signalCode: it is gone all the same.
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
