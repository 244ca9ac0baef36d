import { startService, type RunningService, type Runtime } from '@syncengage/runtime';
import { SENDER_REGISTRY } from './application/ports';
import { NOTIFIER_MIGRATIONS } from './adapters/postgres/migrations';
import type { NotifierConfig } from './config';
import type { SenderRegistry } from './domain/sender-registry';
import { NotifierModule } from './notifier.module';

export interface RunningNotifier extends RunningService {
  /** e.g. "email→local-outbox, sms→twilio", for the start-up line. */
  providers: string;
}

export async function startNotifier(config: NotifierConfig, runtime: Runtime, now?: () => Date): Promise<RunningNotifier> {
  const service = await startService(
    {
      name: 'notifier',
      module: NotifierModule.register({ config, publisher: runtime.publisher, db: runtime.db, consumerGroup: runtime.consumerGroup, now }),
      migrations: NOTIFIER_MIGRATIONS,
      httpPort: config.httpPort,
      // SendGrid posts its event webhook in batches of up to ~1,000 events, well past Express's 100 kB default.
      jsonBodyLimitBytes: 5 * 1024 * 1024,
      logLevel: config.infrastructure.logLevel,
      consumes: true,
    },
    runtime,
  );
  return { ...service, providers: service.app.get<SenderRegistry>(SENDER_REGISTRY).describe() };
}
