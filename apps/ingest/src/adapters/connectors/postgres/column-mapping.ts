/** Our field → the user's column. Defaults are the field names themselves. */
export interface PostgresMapping {
  customersTable: string;
  ordersTable?: string;
  columns: Record<MappedField, string>;
}

export const MAPPED_FIELDS = [
  'customer.id', 'customer.email', 'customer.first_name', 'customer.last_name', 'customer.phone', 'customer.locale', 'customer.country', 'customer.updated_at',
  'order.id', 'order.customer_id', 'order.amount', 'order.currency', 'order.ordered_at', 'order.updated_at',
] as const;
export type MappedField = (typeof MAPPED_FIELDS)[number];

/** Without these a record cannot be read in order or attributed; every other field may be "-" (the table has none). */
const REQUIRED = new Set<string>(['customer.id', 'customer.updated_at', 'order.id', 'order.customer_id', 'order.amount', 'order.ordered_at', 'order.updated_at']);
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}(\.[A-Za-z_][A-Za-z0-9_]{0,62})?$/;

/**
 * Parses "customer.email=email_address,order.amount=total" over the defaults. Names are checked against a
 * strict identifier pattern and quoted, because they end up inside SQL text.
 */
export function parseMapping(customersTable: string, ordersTable: string | undefined, spec: string): { mapping?: PostgresMapping; problems: string[] } {
  const problems: string[] = [];
  const columns = Object.fromEntries(MAPPED_FIELDS.map((field) => [field, field.split('.')[1]])) as Record<MappedField, string>;
  for (const pair of spec.split(',').map((part) => part.trim()).filter(Boolean)) {
    const [field, column] = pair.split('=').map((part) => part?.trim());
    if (!(MAPPED_FIELDS as readonly string[]).includes(field)) problems.push(`unknown field "${field}" (known: ${MAPPED_FIELDS.join(', ')})`);
    else if (column === '-' && !REQUIRED.has(field)) columns[field as MappedField] = column;
    else if (!column || !IDENTIFIER.test(column)) problems.push(`"${field}" must name a column${REQUIRED.has(field) ? '' : ' (or - for none)'}, got "${column ?? ''}"`);
    else columns[field as MappedField] = column;
  }
  for (const table of [customersTable, ordersTable]) if (table !== undefined && !IDENTIFIER.test(table)) problems.push(`"${table}" is not a table name`);
  return problems.length ? { problems } : { mapping: { customersTable, ordersTable, columns }, problems };
}

export const quoteIdentifier = (name: string): string => name.split('.').map((part) => `"${part}"`).join('.');

/** A mapped column as a select expression; "-" reads as NULL. */
export const columnOf = (mapping: PostgresMapping, field: MappedField): string =>
  mapping.columns[field] === '-' ? 'NULL' : quoteIdentifier(mapping.columns[field]);
