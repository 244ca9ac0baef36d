import { Module, type DynamicModule } from '@nestjs/common';
import { newEventId } from '@syncengage/contracts';
import type { SqlClient } from '@syncengage/db';
import { EventConsumer, type EventPublisher } from '@syncengage/kafka';
import { AcceptCustomerUpdate } from './application/accept-customer-update';
import { AcceptWebhookDeliveries } from './application/accept-webhook-deliveries';
import { ManageOwnCustomers } from './application/manage-own-customers';
import { MoveSegmentTag, type SegmentTagStore } from './application/tag-customer-segment';
import { CustomersController } from './adapters/http/customers.controller';
import { SegmentChangedHandler } from './adapters/kafka/segment-changed.handler';
import { PostgresCustomerStore } from './adapters/postgres/postgres-customer-store';
import { RATE_LIMITER } from './application/ports';
import { PostgresOrderOwners, PostgresWebhookReceipts } from './adapters/postgres/postgres-webhook-receipts';
import { MemoryRateLimiter } from './adapters/rate-limit/memory-rate-limiter';
import { GenericWebhookController } from './adapters/webhooks/generic-webhook.controller';
import { HubSpotWebhookController } from './adapters/webhooks/hubspot/hubspot-webhook.controller';
import { ShopifyWebhookController } from './adapters/webhooks/shopify/shopify-webhook.controller';
import { StripeWebhookController } from './adapters/webhooks/stripe/stripe-webhook.controller';
import { WebhookEdge } from './adapters/webhooks/webhook-edge';
import type { IngestConfig } from './config';
import { INGEST_CONFIG } from './tokens';

export interface IngestDependencies {
  config: IngestConfig;
  publisher: EventPublisher;
  db: SqlClient;
  now?: () => Date;
  /** Set when segment changes are written back to the CRM as tags: then ingest consumes segment-changed. */
  segmentTags?: { crm: SegmentTagStore; consumerGroup: string };
}

@Module({})
export class IngestModule {
  static register(dependencies: IngestDependencies): DynamicModule {
    const now = dependencies.now ?? (() => new Date());
    const receipts = new PostgresWebhookReceipts(dependencies.db);
    const { config, publisher, segmentTags } = dependencies;
    return {
      module: IngestModule,
      controllers: [
        GenericWebhookController, HubSpotWebhookController, ShopifyWebhookController, StripeWebhookController, CustomersController,
        ...(segmentTags ? [SegmentChangedHandler] : []),
      ],
      providers: [
        { provide: INGEST_CONFIG, useValue: dependencies.config },
        { provide: RATE_LIMITER, useValue: new MemoryRateLimiter(dependencies.config.webhookRateLimitPerMinute) },
        { provide: AcceptCustomerUpdate, useFactory: () => new AcceptCustomerUpdate(dependencies.publisher, newEventId, now, receipts) },
        {
          provide: AcceptWebhookDeliveries,
          useFactory: () => new AcceptWebhookDeliveries(dependencies.publisher, receipts, new PostgresOrderOwners(dependencies.db), now),
        },
        WebhookEdge,
        {
          provide: ManageOwnCustomers,
          useFactory: () => new ManageOwnCustomers(new PostgresCustomerStore(dependencies.db), dependencies.publisher, now, newEventId),
        },
        ...(segmentTags
          ? [
              { provide: MoveSegmentTag, useValue: new MoveSegmentTag(segmentTags.crm) },
              {
                provide: EventConsumer,
                useValue: new EventConsumer(publisher, { consumerGroup: segmentTags.consumerGroup, maxAttempts: config.infrastructure.maxAttempts }),
              },
            ]
          : []),
      ],
    };
  }
}
