import { Controller, DefaultValuePipe, Get, Inject, ParseIntPipe, Query } from '@nestjs/common';
import type { SqlClient } from '@syncengage/db';
import { NOTIFIER_DB } from '../../tokens';

/** What the local outbox provider "sent": the developer's inbox. */
@Controller('outbox')
export class OutboxController {
  constructor(@Inject(NOTIFIER_DB) private readonly db: SqlClient) {}

  @Get()
  async list(
    @Query('customerId') customerId: string | undefined,
    @Query('limit', new DefaultValuePipe(50), ParseIntPipe) limit: number,
  ): Promise<{ messages: unknown[] }> {
    const capped = Math.min(Math.max(limit, 1), 500);
    const result = customerId
      ? await this.db.query('SELECT * FROM notifier_local_outbox WHERE customer_id = $1 ORDER BY stored_at DESC LIMIT $2', [customerId, capped])
      : await this.db.query('SELECT * FROM notifier_local_outbox ORDER BY stored_at DESC LIMIT $1', [capped]);
    return { messages: result.rows };
  }
}
