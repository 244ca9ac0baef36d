/** Shopify's cursor paging and the part of its search syntax the connector uses, over in-memory rows. */

export interface ConnectionArgs { first?: number; last?: number; after?: string; query?: string; sortKey?: string; reverse?: boolean }
export interface Stamped { id: number; updatedAtMs: number; processedAtMs?: number }

/** Shopify-like opaque cursors: base64 of the last row's sort value and id. */
export function connection<Row extends Stamped, Node>(rows: Row[], args: ConnectionArgs, toNode: (row: Row) => Node) {
  if (args.first === undefined) throw new Error('you must provide one of first or last'); // `last` is not faked
  if (args.first > 250) throw new Error('The first argument must be at most 250');
  const key = (row: Row): [number, number] => [
    args.sortKey === 'UPDATED_AT' ? row.updatedAtMs : args.sortKey === 'PROCESSED_AT' ? (row.processedAtMs ?? row.id) : row.id,
    row.id,
  ];
  const compare = (a: [number, number], b: [number, number]) => a[0] - b[0] || a[1] - b[1];
  const filter = searchFilter(args.query);
  let ordered = rows.filter(filter).sort((a, b) => compare(key(a), key(b)));
  if (args.reverse) ordered = ordered.reverse();
  if (args.after) {
    const { last_value, last_id } = JSON.parse(Buffer.from(args.after, 'base64').toString('utf8')) as { last_value: number; last_id: number };
    const sign = args.reverse ? -1 : 1;
    ordered = ordered.filter((row) => sign * compare(key(row), [last_value, last_id]) > 0);
  }
  const page = ordered.slice(0, args.first);
  const cursorOf = (row: Row) => Buffer.from(JSON.stringify({ last_id: row.id, last_value: key(row)[0] })).toString('base64');
  const nodes = page.map(toNode);
  return {
    nodes,
    edges: page.map((row, i) => ({ cursor: cursorOf(row), node: nodes[i] })),
    pageInfo: {
      hasNextPage: ordered.length > page.length,
      hasPreviousPage: Boolean(args.after),
      startCursor: page[0] ? cursorOf(page[0]) : null,
      endCursor: page.length ? cursorOf(page[page.length - 1]) : null,
    },
  };
}

/** The part of Shopify's search syntax the connector uses: `updated_at:>='...'` terms joined by AND. */
function searchFilter(query: string | undefined): (row: Stamped) => boolean {
  const terms = (query ?? '').match(/\S+:(?:[<>]=?)?(?:'[^']*'|"[^"]*"|\S+)/g) ?? [];
  const rest = (query ?? '').replace(/\S+:(?:[<>]=?)?(?:'[^']*'|"[^"]*"|\S+)/g, '').replace(/\bAND\b/g, '').trim();
  if (rest) throw new Error(`the fake does not search for "${rest}"`);
  const tests = terms.map((term) => {
    const [, field, op, raw] = /^(\w+):([<>]=?)?(.*)$/.exec(term)!;
    if (field !== 'updated_at') throw new Error(`the fake does not filter on ${field}`);
    const bound = Date.parse(raw.replace(/^['"]|['"]$/g, ''));
    if (Number.isNaN(bound)) throw new Error(`not a date: ${raw}`);
    return (row: Stamped) => {
      const at = row.updatedAtMs;
      return op === '>=' ? at >= bound : op === '<=' ? at <= bound : op === '>' ? at > bound : op === '<' ? at < bound : at === bound;
    };
  });
  return (row) => tests.every((test) => test(row));
}
