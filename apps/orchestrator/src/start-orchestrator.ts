import { startService, type RunningService, type Runtime } from '@syncengage/runtime';
import { ORCHESTRATOR_MIGRATIONS } from './adapters/postgres/migrations';
import type { OrchestratorConfig } from './config';
import { OrchestratorModule } from './orchestrator.module';

export async function startOrchestrator(config: OrchestratorConfig, runtime: Runtime, now?: () => Date): Promise<RunningService> {
  return startService(
    {
      name: 'orchestrator',
      module: OrchestratorModule.register({ config, publisher: runtime.publisher, db: runtime.db, consumerGroup: runtime.consumerGroup, now }),
      migrations: ORCHESTRATOR_MIGRATIONS,
      httpPort: config.httpPort,
      logLevel: config.infrastructure.logLevel,
      consumes: true,
    },
    runtime,
  );
}
