import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import type { Socket } from 'node:net';
import { KAFKA_BROKER_DIR } from './kafka-jars';

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ProcessTiedToParent {
  readonly exited: Promise<ProcessExit>;
  /** Asks for a graceful exit (SIGTERM), then kills the whole process group after `graceMs`. */
  stop(graceMs: number): Promise<{ wasKilled: boolean }>;
  /** Synchronous last resort for process 'exit' handlers, where nothing asynchronous runs any more. */
  killNow(): void;
}

const WRAPPER = join(KAFKA_BROKER_DIR, 'exit-with-parent.sh');

/**
 * Runs `command` through exit-with-parent.sh, whose stdin is a pipe only this process writes to: when this
 * process ends for any reason, even SIGKILL, the pipe closes and the wrapper terminates the command. Output
 * (both streams) is appended to `logPath`. The child is unref'd: a forgotten stop() cannot keep Node alive,
 * and the broker then dies with it.
 */
export function spawnTiedToParent(command: string, args: string[], options: { cwd: string; logPath: string }): ProcessTiedToParent {
  const logFd = openSync(options.logPath, 'a');
  // detached: its own process group, so one kill reaches the wrapper and the JVM, and a Ctrl-C meant
  // for the test runner does not hit the broker before the runner has finished with it.
  const child = spawn('sh', [WRAPPER, command, ...args], { cwd: options.cwd, stdio: ['pipe', logFd, logFd], detached: true });
  closeSync(logFd);
  let exit: ProcessExit | undefined;
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once('exit', (code, signal) => resolve((exit = { code, signal })));
    child.once('error', () => resolve((exit = { code: null, signal: null }))); // sh itself could not start
  });
  child.unref();
  (child.stdin as Socket).unref();
  const killGroup = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  return {
    exited,
    async stop(graceMs) {
      if (exit) return { wasKilled: false };
      child.ref(); // unref'd, its exit event alone would not keep Node running until we have seen it
      child.stdin!.end();
      let wasKilled = false;
      const timer = setTimeout(() => {
        wasKilled = true;
        killGroup();
      }, graceMs);
      await exited;
      clearTimeout(timer);
      return { wasKilled };
    },
    killNow: killGroup,
  };
}
