import { spawn } from 'node:child_process';

export interface ProcessResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

/** Runs a command to completion, keeping its output; rejects only when it cannot be started at all. */
export function runProcess(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error) => reject(new Error(`cannot start ${command}: ${error.message}`)));
    child.on('close', (exitCode) => resolve({
      exitCode,
      stdout: Buffer.concat(stdout).toString('utf8'),
      stderr: Buffer.concat(stderr).toString('utf8'),
      seconds: Number(process.hrtime.bigint() - started) / 1e9,
    }));
  });
}

/** The last line of `stdout` that parses as a JSON object: how our CLIs and child scripts hand back numbers. */
export function lastJsonLine<T>(stdout: string, what: string): T {
  const line = stdout.trim().split('\n').reverse().find((candidate) => candidate.trim().startsWith('{'));
  if (!line) throw new Error(`${what} printed no JSON line; its output ended with:\n${stdout.slice(-600)}`);
  return JSON.parse(line) as T;
}

export function describeFailure(what: string, result: ProcessResult): string {
  const tail = (text: string) => text.trim().split('\n').slice(-12).join('\n');
  return `${what} exited with code ${result.exitCode}\n${tail(result.stderr) || tail(result.stdout)}`;
}
