import { rmSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { waitUntilBrokerServes } from './broker/broker-readiness';
import { prepareClassDataArchive } from './broker/class-data-archive';
import { findFreePorts } from './broker/free-ports';
import { installFingerprint } from './broker/install-cache';
import { resolveJavaBinary } from './broker/java-binary';
import { ensureKafkaJars } from './broker/kafka-jars';
import { readLogTail } from './broker/log-tail';
import { spawnTiedToParent } from './broker/process-tied-to-parent';
import { BROKER_LOG4J_PROPERTIES, renderServerProperties, type ServerPropertyOverrides } from './broker/server-properties';
import { formatStorage } from './broker/storage-format';
import { createBrokerWorkDir } from './broker/work-dir';

export interface KafkaBrokerOptions {
  /** How long the JVM may take to serve clients; 60 s covers a cold start on a busy CI machine. */
  readyTimeoutMs?: number;
  /** Added to, or replacing, the test settings in server.properties. */
  serverProperties?: ServerPropertyOverrides;
  /** Replaces the default heap, JIT and GC flags. */
  jvmArgs?: string[];
}

export interface RunningKafkaBroker {
  /** host:port list for kafkajs `brokers`. */
  brokers: string[];
  /** Kafka's own log (WARN and above); deleted by stop(). */
  logPath: string;
  /** Stops the JVM and deletes its data; safe to call more than once. */
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
// C1 only and the serial collector: the broker lives for one test run, so start-up beats peak throughput.
const FAST_START_JVM_ARGS = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-XX:-UsePerfData'];
const DEFAULT_BROKER_JVM_ARGS = ['-Xms256m', '-Xmx512m', ...FAST_START_JVM_ARGS];
const STOP_GRACE_MS = 5_000;
const RECORDING_STOP_GRACE_MS = 60_000;
const PORT_ATTEMPTS = 3;

/** A real single-node Kafka (KRaft) on free ports of 127.0.0.1, with its data in a fresh temporary directory. */
export async function startKafkaBroker(options: KafkaBrokerOptions = {}): Promise<RunningKafkaBroker> {
  const jars = await ensureKafkaJars();
  const java = resolveJavaBinary();
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(java, jars, options);
    } catch (error) {
      // Free ports are only free when we looked; another process may have bound one since.
      if (!(error instanceof BrokerPortTaken) || attempt === PORT_ATTEMPTS) throw error;
    }
  }
}

class BrokerPortTaken extends Error {}

async function startOnce(java: string, jars: string[], options: KafkaBrokerOptions): Promise<RunningKafkaBroker> {
  const workDir = await createBrokerWorkDir();
  const propertiesPath = join(workDir, 'server.properties');
  const log4jPath = join(workDir, 'log4j.properties');
  const logPath = join(workDir, 'broker.log');
  const dataDir = join(workDir, 'data');
  const [brokerPort, controllerPort] = await findFreePorts(2, HOST);
  const brokers = [`${HOST}:${brokerPort}`];
  await writeFile(propertiesPath, renderServerProperties({ host: HOST, brokerPort, controllerPort, dataDir }, options.serverProperties));
  await writeFile(log4jPath, BROKER_LOG4J_PROPERTIES);
  const archive = prepareClassDataArchive(java, jars);
  const commonArgs = [`-Dlog4j.configuration=file:${log4jPath}`, '-cp', jars.join(delimiter)];

  try {
    // Ports and paths do not affect the formatted files; everything else in the properties may.
    const portFreeProperties = renderServerProperties({ host: HOST, brokerPort: 0, controllerPort: 0, dataDir: '' }, options.serverProperties);
    const templateKey = installFingerprint(java, jars, portFreeProperties);
    await formatStorage({ java, jvmArgs: [...FAST_START_JVM_ARGS, ...archive.toolJvmArgs, ...commonArgs], propertiesPath, dataDir, templateKey });
  } catch (error) {
    await rm(workDir, { recursive: true, force: true });
    throw error;
  }
  const jvmArgs = [...(options.jvmArgs ?? DEFAULT_BROKER_JVM_ARGS), ...archive.brokerJvmArgs, ...commonArgs];
  const jvm = spawnTiedToParent(java, [...jvmArgs, 'kafka.Kafka', propertiesPath], { cwd: workDir, logPath });
  // On a normal exit Node runs no more asynchronous code, so stop() cannot; kill and clean up synchronously.
  const cleanUpOnExit = () => {
    jvm.killNow();
    rmSync(workDir, { recursive: true, force: true });
  };
  process.once('exit', cleanUpOnExit);

  let isReady = false;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      const { wasKilled } = await jvm.stop(archive.isRecording ? RECORDING_STOP_GRACE_MS : STOP_GRACE_MS);
      process.removeListener('exit', cleanUpOnExit);
      archive.settle(isReady && !wasKilled);
      await rm(workDir, { recursive: true, force: true });
    })());

  const exitedEarly = new AbortController();
  void jvm.exited.then((exit) => exitedEarly.abort(new Error(`the broker JVM exited (code ${exit.code}, signal ${exit.signal})`)));
  try {
    await waitUntilBrokerServes(brokers, { timeoutMs: options.readyTimeoutMs ?? 60_000, signal: exitedEarly.signal });
  } catch (error) {
    const logTail = await readLogTail(logPath);
    await stop();
    const message = `Kafka broker on ${brokers[0]} did not start: ${(error as Error).message}\n--- last lines of ${logPath} ---\n${logTail}`;
    throw logTail.includes('Address already in use') ? new BrokerPortTaken(message) : new Error(message, { cause: error });
  }
  isReady = true;
  return { brokers, logPath, stop };
}
