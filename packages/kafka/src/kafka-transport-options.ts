import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import { logLevel } from 'kafkajs';

export interface KafkaTransportSettings {
  brokers: string[];
  clientId: string;
  groupId: string;
}

/**
 * Nest's Kafka transport, set up for at-least-once delivery: values stay binary (our consumer decodes and
 * dead-letters them), a new group starts from the beginning so nothing produced before it joined is lost,
 * and short fetch waits keep end-to-end latency low.
 */
export function kafkaTransportOptions(settings: KafkaTransportSettings): MicroserviceOptions {
  return {
    transport: Transport.KAFKA,
    options: {
      client: {
        clientId: settings.clientId,
        brokers: settings.brokers,
        logLevel: logLevel.WARN,
        retry: { initialRetryTime: 100, retries: 8 },
      },
      consumer: {
        groupId: settings.groupId,
        sessionTimeout: 10_000,
        heartbeatInterval: 1_000,
        maxWaitTimeInMs: 100,
        allowAutoTopicCreation: true,
      },
      // Nest appends "-server" to group ids unless told otherwise; keep the configured name.
      postfixId: '',
      subscribe: { fromBeginning: true },
      run: { autoCommit: true, partitionsConsumedConcurrently: 3 },
      parser: { keepBinary: true },
      producerOnlyMode: false,
    },
  } as MicroserviceOptions;
}
