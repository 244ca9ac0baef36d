import type { SqlClient, SqlExecutor } from '@syncengage/db';
import type { CustomerStore } from '../../application/customer-store';
import type { OwnCustomer } from '../../domain/own-customer';

interface Row { id: string; profile: OwnCustomer['profile']; attributes: Record<string, unknown>; version: number; created_at: Date | string; updated_at: Date | string }

const COLUMNS = 'id, profile, attributes, version, created_at, updated_at';

export class PostgresCustomerStore implements CustomerStore {
  constructor(private readonly db: SqlClient) {}

  async find(id: string): Promise<OwnCustomer | undefined> {
    const found = await this.db.query<Row>(`SELECT ${COLUMNS} FROM ingest_customers WHERE id = $1`, [id]);
    return found.rows[0] && customerOf(found.rows[0]);
  }

  insert(customer: OwnCustomer, thenPublish: () => Promise<void>): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const inserted = await tx.query(
        `INSERT INTO ingest_customers (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING RETURNING 1 AS inserted`,
        [customer.id, JSON.stringify(customer.profile), JSON.stringify(customer.attributes), customer.version, customer.createdAt, customer.updatedAt],
      );
      if (inserted.rows.length === 0) return false;
      await thenPublish();
      return true;
    });
  }

  update(id: string, change: (current: OwnCustomer) => OwnCustomer, thenPublish: (updated: OwnCustomer) => Promise<void>): Promise<OwnCustomer | undefined> {
    return this.db.transaction(async (tx) => {
      const current = await lock(tx, id);
      if (!current) return undefined;
      const next = change(current);
      await tx.query('UPDATE ingest_customers SET profile = $2, attributes = $3, version = $4, updated_at = $5 WHERE id = $1', [
        id, JSON.stringify(next.profile), JSON.stringify(next.attributes), next.version, next.updatedAt,
      ]);
      await thenPublish(next);
      return next;
    });
  }

  remove(id: string, thenPublish: (removed: OwnCustomer) => Promise<void>): Promise<OwnCustomer | undefined> {
    return this.db.transaction(async (tx) => {
      const current = await lock(tx, id);
      if (!current) return undefined;
      await tx.query('DELETE FROM ingest_customers WHERE id = $1', [id]);
      await thenPublish(current);
      return current;
    });
  }
}

// Two concurrent changes of one customer must not both start from the same version (same event id, lost update).
async function lock(tx: SqlExecutor, id: string): Promise<OwnCustomer | undefined> {
  const found = await tx.query<Row>(`SELECT ${COLUMNS} FROM ingest_customers WHERE id = $1 FOR UPDATE`, [id]);
  return found.rows[0] && customerOf(found.rows[0]);
}

function customerOf(row: Row): OwnCustomer {
  return {
    id: row.id, profile: row.profile, attributes: row.attributes, version: row.version,
    createdAt: new Date(row.created_at).toISOString(), updatedAt: new Date(row.updated_at).toISOString(),
  };
}
