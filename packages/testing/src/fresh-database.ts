import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { TEST_DATABASE_URL_ENV, testDatabaseAdminUrl } from './test-environment';

export interface FreshDatabase {
  /** Same server and user as the admin URL, pointing at the new database. */
  url: string;
  /** Ends every connection to the database (a forgotten pool must not block the drop) and drops it. */
  drop(): Promise<void>;
}

const MAX_IDENTIFIER_LENGTH = 63; // PostgreSQL silently truncates longer names

/** An empty database of its own for one test file, on the server at SYNCENGAGE_TEST_DATABASE_URL. */
export async function createFreshDatabase(prefix: string, adminUrl = testDatabaseAdminUrl()): Promise<FreshDatabase> {
  const name = uniqueDatabaseName(prefix);
  await onAdminConnection(adminUrl, (admin) => admin.query(`CREATE DATABASE ${quoteIdentifier(name)}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => onAdminConnection(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`)),
  };
}

function uniqueDatabaseName(prefix: string): string {
  const suffix = `_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const safePrefix = prefix.toLowerCase().replace(/[^a-z0-9_]+/g, '_') || 'test';
  return safePrefix.slice(0, MAX_IDENTIFIER_LENGTH - suffix.length) + suffix;
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

async function onAdminConnection(adminUrl: string, work: (admin: Client) => Promise<unknown>): Promise<void> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect().catch((error: Error) => {
    throw new Error(`Cannot reach the test PostgreSQL at ${withoutPassword(adminUrl)} (${TEST_DATABASE_URL_ENV} overrides it): ${error.message}`, { cause: error });
  });
  try {
    await work(admin);
  } finally {
    await admin.end();
  }
}

function withoutPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
