import { migrate } from '@syncengage/db';
import { startService, type RunningService, type Runtime } from '@syncengage/runtime';
import { loadCampaignDirectory } from './adapters/files/campaign-files';
import { ORCHESTRATOR_MIGRATIONS } from './adapters/postgres/migrations';
import { PostgresCampaignCatalog } from './adapters/postgres/postgres-campaign-catalog';
import { ManageCampaigns } from './application/manage-campaigns';
import type { OrchestratorConfig } from './config';
import { OrchestratorModule } from './orchestrator.module';

export async function startOrchestrator(config: OrchestratorConfig, runtime: Runtime, now?: () => Date): Promise<RunningService> {
  // Campaign files are read and stored before the first score is consumed: a bad file stops the start,
  // naming the file and field, and no decision runs without its campaigns.
  const files = loadCampaignDirectory(config.campaignsDir);
  await migrate(runtime.db, 'orchestrator', ORCHESTRATOR_MIGRATIONS);
  await new ManageCampaigns(new PostgresCampaignCatalog(runtime.db)).seed(files);
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
