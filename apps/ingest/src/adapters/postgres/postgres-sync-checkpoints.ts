import type { SqlClient } from '@syncengage/db';
import type { SyncCheckpoints, SyncMode } from '../../application/crm-connector';

export class PostgresSyncCheckpoints implements SyncCheckpoints {
  constructor(private readonly db: SqlClient) {}

  async load(provider: string, stream: string, mode: SyncMode): Promise<{ cursor: string | undefined; done: boolean } | undefined> {
    const found = await this.db.query<{ cursor: string | null; done: boolean }>(
      'SELECT cursor, done FROM ingest_sync_checkpoints WHERE provider = $1 AND stream = $2 AND mode = $3',
      [provider, stream, mode],
    );
    const row = found.rows[0];
    return row ? { cursor: row.cursor ?? undefined, done: row.done } : undefined;
  }

  async save(provider: string, stream: string, mode: SyncMode, cursor: string | undefined, done: boolean): Promise<void> {
    await this.db.query(
      `INSERT INTO ingest_sync_checkpoints (provider, stream, mode, cursor, done, updated_at) VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (provider, stream, mode) DO UPDATE SET cursor = EXCLUDED.cursor, done = EXCLUDED.done, updated_at = now()`,
      [provider, stream, mode, cursor ?? null, done],
    );
  }
}
