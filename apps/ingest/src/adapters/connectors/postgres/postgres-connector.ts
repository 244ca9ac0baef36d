import { Client, Pool, type DatabaseError } from 'pg';
import { BadCredentials, ConnectorError } from '../../../application/connector-errors';
import type { CrmConnector, SourcePage, SourceRecord } from '../../../application/crm-connector';
import { decimalToCents } from '../../../domain/money';
import { columnOf, quoteIdentifier, type PostgresMapping } from './column-mapping';

export interface PostgresConnectorOptions {
  connectionString: string;
  mapping: PostgresMapping;
  pageSize: number;
  /** Rows newer than this are left for the next read: a transaction that commits late with an older updated_at is not skipped. */
  settleMs: number;
  notifyChannel: string;
}

interface Cursor { at: string; id: string }

/** Customers and orders from the user's own tables, in (updated_at, id) order: an import and every later sync are one keyset scan. */
export class PostgresConnector implements CrmConnector {
  readonly provider = 'postgres';
  readonly streams: readonly string[];
  private readonly pool: Pool;

  constructor(private readonly options: PostgresConnectorOptions) {
    this.pool = new Pool({ connectionString: options.connectionString, max: 2 });
    this.pool.on('error', () => undefined); // an idle client's error surfaces on the next query instead
    this.streams = options.mapping.ordersTable ? ['customers', 'orders'] : ['customers'];
  }

  async connect(): Promise<void> {
    await this.query('SELECT 1');
  }

  fetchPage(stream: string, cursor: string | undefined): Promise<SourcePage> {
    return this.fetchChangesSince(stream, cursor);
  }

  async fetchChangesSince(stream: string, checkpoint: string | undefined): Promise<SourcePage> {
    const after: Cursor | undefined = checkpoint ? JSON.parse(checkpoint) : undefined;
    const { table, key, updatedAt } = this.tableOf(stream);
    const rows = await this.query(
      `SELECT ${this.selectList(stream)}, ${updatedAt}::text AS cursor_at FROM ${table}
       WHERE ($1::timestamptz IS NULL OR (${updatedAt}, ${key}::text) > ($1::timestamptz, $2::text))
         AND ${updatedAt} <= now() - make_interval(secs => $4::double precision / 1000)
       ORDER BY ${updatedAt}, ${key}::text LIMIT $3`,
      [after?.at ?? null, after?.id ?? '', this.options.pageSize, this.options.settleMs],
    );
    const last = rows[rows.length - 1];
    return {
      records: rows.map((row) => this.toRecord(stream, row)),
      checkpoint: last ? JSON.stringify({ at: last.cursor_at, id: String(last.id) } satisfies Cursor) : checkpoint,
      done: rows.length < this.options.pageSize,
    };
  }

  async lookUp(stream: string, id: string): Promise<SourceRecord | undefined> {
    const { table, key } = this.tableOf(stream);
    const rows = await this.query(`SELECT ${this.selectList(stream)} FROM ${table} WHERE ${key}::text = $1`, [id]);
    return rows[0] ? this.toRecord(stream, rows[0]) : undefined;
  }

  async estimateTotal(stream: string): Promise<number> {
    const rows = await this.query(`SELECT count(*)::int AS total FROM ${this.tableOf(stream).table}`);
    return Number(rows[0].total);
  }

  /** LISTEN on the channel the user's trigger NOTIFYs; the payload is not trusted, it only wakes a sync. */
  async watch(onChange: () => void): Promise<() => Promise<void>> {
    const client = new Client({ connectionString: this.options.connectionString });
    client.on('error', () => undefined);
    await client.connect().catch((error) => Promise.reject(this.translate(error)));
    client.on('notification', () => onChange());
    await client.query(`LISTEN ${quoteIdentifier(this.options.notifyChannel)}`);
    return async () => {
      await client.end();
    };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private tableOf(stream: string) {
    const { mapping } = this.options;
    if (stream === 'orders' && mapping.ordersTable) {
      return { table: quoteIdentifier(mapping.ordersTable), key: columnOf(mapping, 'order.id'), updatedAt: columnOf(mapping, 'order.updated_at') };
    }
    return { table: quoteIdentifier(mapping.customersTable), key: columnOf(mapping, 'customer.id'), updatedAt: columnOf(mapping, 'customer.updated_at') };
  }

  private selectList(stream: string): string {
    const m = this.options.mapping;
    if (stream === 'orders') {
      return [
        `${columnOf(m, 'order.id')}::text AS id`, `${columnOf(m, 'order.customer_id')}::text AS customer_id`, `${columnOf(m, 'order.amount')}::text AS amount`,
        `${columnOf(m, 'order.currency')}::text AS currency`, `${columnOf(m, 'order.ordered_at')} AS ordered_at`, `${columnOf(m, 'order.updated_at')} AS updated_at`,
      ].join(', ');
    }
    const fields = ['email', 'first_name', 'last_name', 'phone', 'locale', 'country'] as const;
    return [
      `${columnOf(m, 'customer.id')}::text AS id`, `${columnOf(m, 'customer.updated_at')} AS updated_at`,
      ...fields.map((field) => `${columnOf(m, `customer.${field}`)}::text AS ${field}`),
    ].join(', ');
  }

  private toRecord(stream: string, row: Record<string, any>): SourceRecord {
    const updatedAt = new Date(row.updated_at).toISOString();
    if (stream === 'orders') {
      const amountCents = decimalToCents(row.amount);
      if (amountCents === undefined) throw new ConnectorError(this.provider, `order ${row.id} has amount "${row.amount}", not a non-negative decimal`, false);
      return {
        kind: 'order', id: row.id, customerId: row.customer_id, amountCents, currency: String(row.currency ?? 'USD').toUpperCase(),
        orderedAt: new Date(row.ordered_at).toISOString(), updatedAt, attributes: {},
      };
    }
    return {
      kind: 'customer', id: row.id, updatedAt, attributes: {},
      profile: { email: row.email, firstName: row.first_name, lastName: row.last_name, phone: row.phone, locale: row.locale, country: row.country },
    };
  }

  private async query(sql: string, params: unknown[] = []): Promise<Record<string, any>[]> {
    try {
      return (await this.pool.query(sql, params)).rows;
    } catch (error) {
      throw this.translate(error);
    }
  }

  private translate(error: unknown): ConnectorError {
    const code = (error as DatabaseError).code ?? '';
    const message = (error as Error).message;
    if (code === '28P01' || code === '28000') {
      return new BadCredentials(this.provider, `PostgreSQL refused the user or password in POSTGRES_CONN_STRING (${message}); fix them there, and grant that user SELECT on the mapped tables.`, error);
    }
    if (code === '3D000') return new ConnectorError(this.provider, `${message}: POSTGRES_CONN_STRING names a database that does not exist`, false, { cause: error });
    if (code === '42P01' || code === '42703') return new ConnectorError(this.provider, `${message}: check POSTGRES_CUSTOMERS_TABLE, POSTGRES_ORDERS_TABLE and POSTGRES_COLUMN_MAP`, false, { cause: error });
    if (code === '42501') return new ConnectorError(this.provider, `${message}: grant the POSTGRES_CONN_STRING user SELECT on the mapped tables`, false, { cause: error });
    // Connection failures, shutdowns, too many connections, serialization failures: worth another try.
    const transient = /^(08|53|57P|40)/.test(code) || ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN'].includes(code) || /Connection terminated/i.test(message);
    return new ConnectorError(this.provider, message, transient, { cause: error });
  }
}
