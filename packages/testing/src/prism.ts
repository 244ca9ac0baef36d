import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export interface PrismServer {
  /** http://127.0.0.1:<port>, the port Prism was given by the OS. */
  url: string;
  /** Everything Prism printed, including each request's validation verdict. */
  output(): string;
  stop(): Promise<void>;
}

export interface PrismOptions {
  /**
   * `mock` answers from the spec's examples; `proxy` checks every request against the spec before it reaches
   * `upstreamUrl` (a bad one gets 422/401 and never arrives) and every response before it reaches the client
   * (a bad one becomes 500).
   */
  mode: { mock: true } | { proxy: string };
  specPath: string;
  /**
   * A directory of the workspace that has @stoplight/prism-cli as its devDependency (the test's `__dirname`):
   * the binary is resolved from there, so this package does not depend on Prism.
   */
  resolveFrom: string;
  timeoutMs?: number;
}

// dist/prism.js → packages/testing → packages → the repository root; the shared specs sit beside the repository.
const REPO_ROOT = resolve(__dirname, '../../..');
const READY = /Prism is listening on (http:\/\/\S+)/;

// Every Prism this process started, ready or not: a start abandoned by a hook timeout must not outlive the suite
// (its open pipes would also keep jest from exiting).
const started = new Set<() => Promise<void>>();

/**
 * The absolute path of a vendor spec under ../shared/specs. A missing file fails the suite naming the path: the
 * specs are not part of a clone, and a conformance suite that skipped would pass without checking anything.
 */
export function sharedSpec(relativePath: string): string {
  const path = resolve(REPO_ROOT, '../shared/specs', relativePath);
  if (!existsSync(path)) throw new Error(`missing ${path}: this suite reads the vendors' official specs beside the repository (../shared/specs)`);
  return path;
}

/** Stops every Prism this process started and has not stopped yet; for afterAll. */
export async function stopAllPrism(): Promise<void> {
  await Promise.all([...started].map((stop) => stop()));
}

/** Prism (`--errors` in proxy mode) for one spec on a free port; resolves once Prism says it is listening. */
export async function startPrism({ mode, specPath, resolveFrom, timeoutMs = 30_000 }: PrismOptions): Promise<PrismServer> {
  const packageJson = require.resolve('@stoplight/prism-cli/package.json', { paths: [resolveFrom] });
  const bin = resolve(dirname(packageJson), (require(packageJson) as { bin: { prism: string } }).bin.prism);
  const modeArgs = 'proxy' in mode ? ['proxy', '--errors'] : ['mock'];
  const upstream = 'proxy' in mode ? [mode.proxy] : [];
  const child = spawn(process.execPath, [bin, ...modeArgs, '-h', '127.0.0.1', '-p', '0', specPath, ...upstream], { stdio: ['ignore', 'pipe', 'pipe'] });
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
