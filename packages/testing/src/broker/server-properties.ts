export type ServerPropertyOverrides = Record<string, string | number | boolean>;

export interface BrokerLayout {
  host: string;
  brokerPort: number;
  controllerPort: number;
  dataDir: string;
}

/**
 * server.properties for a one-node KRaft cluster (broker and controller in one JVM), tuned for tests:
 * every replication factor 1, no initial rebalance delay, topics created on first use.
 */
export function renderServerProperties(layout: BrokerLayout, overrides: ServerPropertyOverrides = {}): string {
  const { host, brokerPort, controllerPort, dataDir } = layout;
  const properties: ServerPropertyOverrides = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    // A static voter set needs no `--standalone` at format time and works the same on 3.x and 4.x.
    'controller.quorum.voters': `1@${host}:${controllerPort}`,
    listeners: `PLAINTEXT://${host}:${brokerPort},CONTROLLER://${host}:${controllerPort}`,
    'advertised.listeners': `PLAINTEXT://${host}:${brokerPort}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'log.dirs': dataDir,
    'num.partitions': 3,
    'default.replication.factor': 1,
    'min.insync.replicas': 1,
    'auto.create.topics.enable': true,
    'offsets.topic.replication.factor': 1,
    // One partition instead of 50: the first consumer group otherwise waits for 50 leaders to be elected.
    'offsets.topic.num.partitions': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'transaction.state.log.num.partitions': 1,
    'group.initial.rebalance.delay.ms': 0,
    // The default 128 MiB de-duplication buffer is allocated at start-up and costs ~0.5 s; tests compact little.
    'log.cleaner.dedupe.buffer.size': 4 * 1024 * 1024,
    ...overrides,
  };
  return Object.entries(properties)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n')
    .concat('\n');
}

/** Keeps the broker log to warnings: at INFO a single start writes ~600 lines. */
export const BROKER_LOG4J_PROPERTIES = [
  'log4j.rootLogger=WARN, stdout',
  'log4j.appender.stdout=org.apache.log4j.ConsoleAppender',
  'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout',
  'log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n',
  '',
].join('\n');
