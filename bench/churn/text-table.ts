/**
 * A plain-text table, two spaces between columns. By default the first column is left-aligned and the rest (numbers)
 * right-aligned; `leftAligned` names how many leading columns hold text.
 */
export function textTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>, leftAligned = 1): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells.map((cell, column) => (column < leftAligned ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ').trimEnd();
  return [line(headers), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

export const fixed = (digits: number) => (value: number | undefined): string =>
  value === undefined || Number.isNaN(value) ? '—' : value.toFixed(digits);

export const signed = (digits: number) => (value: number): string => {
  const text = Math.abs(value).toFixed(digits);
  return Number(text) === 0 ? `±${text}` : `${value > 0 ? '+' : '−'}${text}`;
};

export function ratio(value: number): string {
  return `${value >= 10 ? value.toFixed(1) : value.toFixed(2)}×`;
}
