import type { SqlClient } from '@syncengage/db';
import type { TrackedLinkStore } from '../../application/ports';

export class PostgresEngagementLinks implements TrackedLinkStore {
  constructor(private readonly db: SqlClient) {}

  async save(messageId: string, links: readonly string[]): Promise<void> {
    // A resend of the same message rewrites the same links to the same indexes: the first save stands.
    await this.db.query(
      `INSERT INTO notifier_tracked_links (message_id, link_index, url)
       SELECT $1, link.index - 1, link.url FROM unnest($2::text[]) WITH ORDINALITY AS link(url, index)
       ON CONFLICT (message_id, link_index) DO NOTHING`,
      [messageId, [...links]],
    );
  }

  async find(messageId: string, linkIndex: number): Promise<string | undefined> {
    const { rows } = await this.db.query<{ url: string }>('SELECT url FROM notifier_tracked_links WHERE message_id = $1 AND link_index = $2', [messageId, linkIndex]);
    return rows[0]?.url;
  }
}
