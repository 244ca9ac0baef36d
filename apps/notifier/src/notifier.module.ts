import { Module, type DynamicModule } from '@nestjs/common';
import type { SqlClient } from '@syncengage/db';
import { EventConsumer, type EventPublisher } from '@syncengage/kafka';
import { DeliverMessage } from './application/deliver-message';
import { SEND_LEDGER, SENDER_REGISTRY, type SendLedger } from './application/ports';
import { OutboxController } from './adapters/http/outbox.controller';
import { InboxController } from './adapters/http/inbox.controller';
import { PushSubscriptionsController } from './adapters/http/push-subscriptions.controller';
import { PostgresInbox } from './adapters/postgres/postgres-inbox';
import { PostgresPushSubscriptions } from './adapters/postgres/postgres-push-subscriptions';
import { InboxLiveFeed } from './adapters/providers/in-app/inbox-live-feed';
import { ReadInboxMessage } from './application/read-inbox-message';
import { INBOX, INBOX_FEED, INBOX_READ_LISTENER, PUSH_SUBSCRIPTIONS, type Inbox, type InboxFeed, type InboxReadListener } from './application/ports';
import { KafkaDeliveryDeadLetters } from './adapters/kafka/delivery-dead-letters';
import { MessageRequestedHandler } from './adapters/kafka/message-requested.handler';
import { PostgresSendLedger } from './adapters/postgres/postgres-send-ledger';
import { buildSenderRegistry } from './adapters/providers/build-sender-registry';
import type { NotifierConfig } from './config';
import type { SenderRegistry } from './domain/sender-registry';
import { NOTIFIER_DB } from './tokens';
import { newEventId } from '@syncengage/contracts';
import { AttributePurchase } from './application/attribute-purchase';
import { FollowTrackedLink } from './application/follow-tracked-link';
import { ENGAGEMENT_STORE, type EngagementStore } from './application/ports';
import { RecordEngagement } from './application/record-engagement';
import { RecordSmsReply } from './application/record-sms-reply';
import { ReportInboxReads } from './application/report-inbox-reads';
import { TrackMessageLinks } from './application/track-links';
import { SendGridEventWebhookController } from './adapters/http/sendgrid-event-webhook.controller';
import { SendGridSignatureVerifier } from './adapters/http/sendgrid-signature';
import { TrackedLinkController } from './adapters/http/tracked-link.controller';
import { TwilioSignatureVerifier } from './adapters/http/twilio-signature';
import { TwilioWebhooksController } from './adapters/http/twilio-webhooks.controller';
import { WEBHOOK_CLOCK } from './adapters/http/webhook-clock';
import { CustomerUpdatedHandler } from './adapters/kafka/customer-updated.handler';
import { PostgresEngagementLinks } from './adapters/postgres/postgres-engagement-links';
import { PostgresEngagementStore } from './adapters/postgres/postgres-engagement-store';

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
    const { engagement } = config;
    // Each webhook and the redirect exist only when configured: without a key there is nothing to verify with.
    const linkTracker = engagement.linkSecret && engagement.publicUrl
      ? new TrackMessageLinks(new PostgresEngagementLinks(db), { baseUrl: engagement.publicUrl, secret: engagement.linkSecret })
      : undefined;
    const engagementControllers = [
      CustomerUpdatedHandler,
      ...(engagement.sendgridWebhookPublicKey ? [SendGridEventWebhookController] : []),
      ...(config.twilio ? [TwilioWebhooksController] : []),
      ...(linkTracker ? [TrackedLinkController] : []),
    ];
    return {
      module: NotifierModule,
      controllers: [MessageRequestedHandler, OutboxController, PushSubscriptionsController, InboxController, ...engagementControllers],
      providers: [
        { provide: NOTIFIER_DB, useValue: db },
        { provide: SEND_LEDGER, useFactory: () => new PostgresSendLedger(db) },
        { provide: SENDER_REGISTRY, inject: [INBOX_FEED], useFactory: (feed: InboxFeed) => buildSenderRegistry(config, db, feed) },
        { provide: PUSH_SUBSCRIPTIONS, useFactory: () => new PostgresPushSubscriptions(db) },
        { provide: INBOX, useFactory: () => new PostgresInbox(db) },
        { provide: INBOX_FEED, useFactory: () => new InboxLiveFeed() },
        // A first read of an in-app message is its open.
        { provide: INBOX_READ_LISTENER, inject: [RecordEngagement], useFactory: (record: RecordEngagement) => new ReportInboxReads(record, newEventId) },
        {
          provide: ReadInboxMessage,
          inject: [INBOX, INBOX_READ_LISTENER],
          useFactory: (inbox: Inbox, listener: InboxReadListener) => new ReadInboxMessage(inbox, listener, now),
        },
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
              engagement: new PostgresEngagementStore(db),
              links: linkTracker,
            }),
        },
        { provide: WEBHOOK_CLOCK, useValue: now },
        { provide: ENGAGEMENT_STORE, useFactory: () => new PostgresEngagementStore(db) },
        { provide: RecordEngagement, inject: [ENGAGEMENT_STORE], useFactory: (store: EngagementStore) => new RecordEngagement(store, publisher, now) },
        { provide: RecordSmsReply, inject: [ENGAGEMENT_STORE, RecordEngagement], useFactory: (store: EngagementStore, record: RecordEngagement) => new RecordSmsReply(store, record) },
        {
          provide: AttributePurchase,
          inject: [ENGAGEMENT_STORE, RecordEngagement],
          useFactory: (store: EngagementStore, record: RecordEngagement) => new AttributePurchase(store, record, engagement.attributionWindowHours),
        },
        ...(linkTracker
          ? [{ provide: FollowTrackedLink, inject: [RecordEngagement], useFactory: (record: RecordEngagement) => new FollowTrackedLink(linkTracker, record, now) }]
          : []),
        ...(engagement.sendgridWebhookPublicKey ? [{ provide: SendGridSignatureVerifier, useValue: new SendGridSignatureVerifier(engagement.sendgridWebhookPublicKey) }] : []),
        ...(config.twilio ? [{ provide: TwilioSignatureVerifier, useValue: new TwilioSignatureVerifier(config.twilio.authToken, engagement.publicUrl) }] : []),
      ],
      exports: [SENDER_REGISTRY],
    };
  }
}
