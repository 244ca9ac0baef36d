export { startKafkaBroker, type KafkaBrokerOptions, type RunningKafkaBroker } from './kafka-broker';
export { ensureKafkaJars } from './broker/kafka-jars';
export type { ServerPropertyOverrides } from './broker/server-properties';
export { waitFor, WaitForTimeout, type WaitForOptions } from './wait-for';
export { createFreshDatabase, type FreshDatabase } from './fresh-database';
export {
  collectMessages,
  createTestKafka,
  createTopics,
  type CollectedMessage,
  type CollectOptions,
  type MessageCollector,
} from './kafka-test-client';
export { TEST_DATABASE_URL_ENV, TEST_KAFKA_BROKERS_ENV, testDatabaseAdminUrl, testKafkaBrokers } from './test-environment';
export { startServiceProcess, type ServiceProcess } from './service-process';
export { startPipelineProcesses, startGroupAtTopicEnd, PIPELINE_SERVICES, CONSUMED_TOPICS, type PipelineProcesses } from './pipeline-processes';
export { sharedSpec, startPrism, stopAllPrism, type PrismOptions, type PrismServer } from './prism';
