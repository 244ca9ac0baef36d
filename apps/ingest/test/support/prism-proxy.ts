import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export interface PrismProxy {
  /** http://127.0.0.1:<port>, the port Prism was given by the OS. */
  url: string;
  /** Everything Prism printed, including each request's validation verdict. */
  output(): string;
  stop(): Promise<void>;
}

// test/support → apps/ingest → apps → the repository root; the shared specs sit beside the repository.
const REPO_ROOT = resolve(__dirname, '../../../..');
const READY = /Prism is listening on (http:\/\/\S+)/;

/**
 * The absolute path of a vendor spec under ../shared/specs. A missing file fails the suite naming the path: the
 * specs are not part of a clone, and a conformance suite that skipped would pass without checking anything.
 */
export function sharedSpec(relativePath: string): string {
  const path = resolve(REPO_ROOT, '../shared/specs', relativePath);
  if (!existsSync(path)) throw new Error(`missing ${path}: this suite reads the vendors' official specs beside the repository (../shared/specs)`);
  return path;
}

/**
 * `prism proxy --errors` for one spec in front of `upstreamUrl`: every request is checked against the spec before
 * it reaches the upstream (a bad one gets 422/401 and never arrives), every response before it reaches the client
 * (a bad one becomes 500). Resolves once Prism says it is listening.
 */
export async function startPrismProxy(specPath: string, upstreamUrl: string, timeoutMs = 30_000): Promise<PrismProxy> {
  const packageJson = require.resolve('@stoplight/prism-cli/package.json');
  const bin = resolve(dirname(packageJson), (require(packageJson) as { bin: { prism: string } }).bin.prism);
  const child = spawn(process.execPath, [bin, 'proxy', '--errors', '-h', '127.0.0.1', '-p', '0', specPath, upstreamUrl], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };

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
