import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** packages/testing/kafka-broker, found the same way from src/broker and dist/broker. */
export const KAFKA_BROKER_DIR = resolve(__dirname, '..', '..', 'kafka-broker');
const LIBS_DIR = join(KAFKA_BROKER_DIR, 'libs');
const FETCH_ARGS = ['-q', '-B', 'dependency:copy-dependencies', '-DoutputDirectory=libs'];
const FETCH_HINT = `run \`mvn ${FETCH_ARGS.join(' ')}\` in ${KAFKA_BROKER_DIR}`;

/** The broker's classpath, sorted so that the class-data archive sees the same one every run. */
export function kafkaClasspath(): string[] {
  if (!hasKafkaJars()) throw new Error(`The Kafka broker jars are missing from ${LIBS_DIR}: ${FETCH_HINT}`);
  return readdirSync(LIBS_DIR)
    .filter((file) => file.endsWith('.jar'))
    .sort()
    .map((file) => join(LIBS_DIR, file));
}

/** Downloads the jars listed in kafka-broker/pom.xml with Maven when they are not there yet. */
export async function ensureKafkaJars(): Promise<string[]> {
  if (!hasKafkaJars()) {
    process.stderr.write(`Kafka broker jars missing; fetching them: mvn ${FETCH_ARGS.join(' ')} (in ${KAFKA_BROKER_DIR})\n`);
    await runMaven();
  }
  return kafkaClasspath();
}

function hasKafkaJars(): boolean {
  return existsSync(LIBS_DIR) && readdirSync(LIBS_DIR).some((file) => /^kafka_2\.13-.*\.jar$/.test(file));
}

function runMaven(): Promise<void> {
  return new Promise((resolveRun, reject) => {
    // stdout goes to our stderr: a caller may be piping our stdout (with-test-broker wraps other commands).
    const maven = spawn('mvn', FETCH_ARGS, { cwd: KAFKA_BROKER_DIR, stdio: ['ignore', process.stderr, process.stderr] });
    maven.once('error', (error) => reject(new Error(`Could not run Maven to fetch the Kafka jars (${error.message}); install Maven or ${FETCH_HINT}`)));
    maven.once('exit', (code, signal) =>
      code === 0 ? resolveRun() : reject(new Error(`Maven failed to fetch the Kafka jars (exit ${code ?? signal}); ${FETCH_HINT} to see why`)),
    );
  });
}
