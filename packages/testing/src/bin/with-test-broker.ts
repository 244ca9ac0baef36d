#!/usr/bin/env node
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { startKafkaBroker, type RunningKafkaBroker } from '../kafka-broker';
import { TEST_KAFKA_BROKERS_ENV } from '../test-environment';

/**
 * with-test-broker <command> [args...]: runs the command with SYNCENGAGE_TEST_KAFKA_BROKERS pointing at a
 * broker started for it, then stops the broker and exits with the command's exit code. If the variable is
 * already set, the command runs against that broker and none is started.
 */
async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command) {
    process.stderr.write('usage: with-test-broker <command> [args...]\n');
    return 2;
  }
  let broker: RunningKafkaBroker | undefined;
  const env = { ...process.env };
  if (!env[TEST_KAFKA_BROKERS_ENV]) {
    const startedAt = Date.now();
    broker = await startKafkaBroker();
    env[TEST_KAFKA_BROKERS_ENV] = broker.brokers.join(',');
    process.stderr.write(`with-test-broker: Kafka on ${env[TEST_KAFKA_BROKERS_ENV]} (started in ${((Date.now() - startedAt) / 1000).toFixed(1)} s)\n`);
  }
  try {
    return await runToCompletion(command, args, env);
  } finally {
    await broker?.stop();
  }
}

/** Exit code of the command; 128 + n when it was killed by signal n, as a shell reports it. */
function runToCompletion(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', env });
    // A Ctrl-C reaches the command directly (same process group); a signal sent only to us is passed on.
    // Either way we wait for the command to finish, then stop the broker in main's finally.
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    const forwardedSignals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    forwardedSignals.forEach((signal) => process.on(signal, forward));
    child.once('error', (error) => reject(new Error(`Could not run ${command}: ${error.message}`)));
    child.once('exit', (code, signal) => {
      forwardedSignals.forEach((name) => process.removeListener(name, forward));
      resolve(code ?? 128 + (signal ? constants.signals[signal] : 0));
    });
  });
}

main(process.argv.slice(2)).then(
  (exitCode) => process.exit(exitCode),
  (error: Error) => {
    process.stderr.write(`with-test-broker: ${error.message}\n`);
    process.exit(1);
  },
);
