import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';

export interface PrismMock {
  /** http://127.0.0.1:<port>, the port Prism was given by the OS. */
  url: string;
  /** Everything Prism printed, including each request's validation verdict. */
  output(): string;
  stop(): Promise<void>;
}

const READY = /Prism is listening on (http:\/\/\S+)/;

// Every Prism this process started, ready or not: a start abandoned by a hook timeout must not outlive the suite
// (its open pipes would also keep jest from exiting).
const started = new Set<() => Promise<void>>();

/** Stops every Prism started here; for afterAll. */
export async function stopAllPrismMocks(): Promise<void> {
  await Promise.all([...started].map((stop) => stop()));
}

/** `prism mock` for one spec on a free port; resolves once Prism says it is listening. */
export async function startPrismMock(specPath: string, timeoutMs = 30_000): Promise<PrismMock> {
  const packageJson = require.resolve('@stoplight/prism-cli/package.json');
  const bin = resolve(dirname(packageJson), (require(packageJson) as { bin: { prism: string } }).bin.prism);
  const child = spawn(process.execPath, [bin, 'mock', '-h', '127.0.0.1', '-p', '0', specPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const stop = async () => {
    started.delete(stop);
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  started.add(stop);

  const url = await new Promise<string>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`Prism did not start within ${timeoutMs} ms for ${specPath}:\n${output}`)), timeoutMs);
    const check = () => {
      const match = READY.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout.off('data', check);
      ready(match[1]);
    };
    child.stdout.on('data', check);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(new Error(`Prism exited (${code ?? signal}) before it was listening, for ${specPath}:\n${output}`));
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { url, output: () => output, stop };
}
