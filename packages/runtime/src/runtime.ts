import type { InfrastructureSettings } from '@syncengage/config';
import { openDatabase, type SqlClient } from '@syncengage/db';
import {
  InProcessBus,
  InProcessEventPublisher,
  InProcessTransport,
  KafkaEventPublisher,
  kafkaTransportOptions,
  type EventPublisher,
} from '@syncengage/kafka';
import type { MicroserviceOptions } from '@nestjs/microservices';

/** The infrastructure one service runs on: real Kafka and PostgreSQL, or the embedded stand-ins. */
export interface Runtime {
  mode: 'kafka' | 'embedded';
  publisher: EventPublisher;
  db: SqlClient;
  consumerGroup: string;
  transport: MicroserviceOptions;
  close(): Promise<void>;
}

export interface EmbeddedParts {
  bus: InProcessBus;
  db: SqlClient;
}

/**
 * With KAFKA_BROKERS set, the service talks to Kafka; without, to an in-process bus. In the embedded
 * quick start all four services share one bus and one PGlite database, passed in as `embedded`.
 */
export async function createRuntime(settings: InfrastructureSettings, embedded?: EmbeddedParts): Promise<Runtime> {
  if (settings.kafkaBrokers.length > 0) {
    const publisher = await KafkaEventPublisher.connect(settings.kafkaBrokers, settings.kafkaClientId);
    const db = embedded?.db ?? (await openDatabase(settings.databaseUrl));
    return {
      mode: 'kafka',
      publisher,
      db,
      consumerGroup: settings.kafkaGroupId,
      transport: kafkaTransportOptions({ brokers: settings.kafkaBrokers, clientId: settings.kafkaClientId, groupId: settings.kafkaGroupId }),
      close: async () => {
        await publisher.close();
        if (!embedded) await db.close();
      },
    };
  }
  const bus = embedded?.bus ?? new InProcessBus();
  const db = embedded?.db ?? (await openDatabase(settings.databaseUrl));
  return {
    mode: 'embedded',
    publisher: new InProcessEventPublisher(bus),
    db,
    consumerGroup: settings.kafkaGroupId,
    transport: { strategy: new InProcessTransport(bus, settings.kafkaGroupId) },
    close: async () => {
      if (!embedded) await db.close();
    },
  };
}
