import { Module, type DynamicModule } from '@nestjs/common';
import type { SqlClient } from '@syncengage/db';
import { EventConsumer, type EventPublisher } from '@syncengage/kafka';
import { DeliverMessage } from './application/deliver-message';
import { SEND_LEDGER, SENDER_REGISTRY, type SendLedger } from './application/ports';
import { OutboxController } from './adapters/http/outbox.controller';
import { KafkaDeliveryDeadLetters } from './adapters/kafka/delivery-dead-letters';
import { MessageRequestedHandler } from './adapters/kafka/message-requested.handler';
import { PostgresSendLedger } from './adapters/postgres/postgres-send-ledger';
import { buildSenderRegistry } from './adapters/providers/build-sender-registry';
import type { NotifierConfig } from './config';
import type { SenderRegistry } from './domain/sender-registry';
import { NOTIFIER_DB } from './tokens';

export interface NotifierDependencies {
  config: NotifierConfig;
  publisher: EventPublisher;
  db: SqlClient;
  consumerGroup: string;
  now?: () => Date;
}

@Module({})
export class NotifierModule {
  static register(dependencies: NotifierDependencies): DynamicModule {
    const now = dependencies.now ?? (() => new Date());
    const { config, db, publisher } = dependencies;
    return {
      module: NotifierModule,
      controllers: [MessageRequestedHandler, OutboxController],
      providers: [
        { provide: NOTIFIER_DB, useValue: db },
        { provide: SEND_LEDGER, useFactory: () => new PostgresSendLedger(db) },
        { provide: SENDER_REGISTRY, useFactory: () => buildSenderRegistry(config, db) },
        {
          provide: EventConsumer,
          useFactory: () => new EventConsumer(publisher, { consumerGroup: dependencies.consumerGroup, maxAttempts: config.infrastructure.maxAttempts }),
        },
        {
          provide: DeliverMessage,
          inject: [SEND_LEDGER, SENDER_REGISTRY],
          useFactory: (ledger: SendLedger, senders: SenderRegistry) =>
            new DeliverMessage(ledger, senders, publisher, now, {
              retry: config.retry,
              replay: config.replay,
              deadLetters: new KafkaDeliveryDeadLetters(publisher, dependencies.consumerGroup, now),
            }),
        },
      ],
      exports: [SENDER_REGISTRY],
    };
  }
}
