import { Module, type DynamicModule } from '@nestjs/common';
import { newEventId } from '@syncengage/contracts';
import type { EventPublisher } from '@syncengage/kafka';
import { AcceptCustomerUpdate } from './application/accept-customer-update';
import { WebhookController } from './adapters/http/webhook.controller';
import type { IngestConfig } from './config';
import { INGEST_CONFIG } from './tokens';

export interface IngestDependencies {
  config: IngestConfig;
  publisher: EventPublisher;
  now?: () => Date;
}

@Module({})
export class IngestModule {
  static register(dependencies: IngestDependencies): DynamicModule {
    const now = dependencies.now ?? (() => new Date());
    return {
      module: IngestModule,
      controllers: [WebhookController],
      providers: [
        { provide: INGEST_CONFIG, useValue: dependencies.config },
        { provide: AcceptCustomerUpdate, useFactory: () => new AcceptCustomerUpdate(dependencies.publisher, newEventId, now) },
      ],
    };
  }
}
