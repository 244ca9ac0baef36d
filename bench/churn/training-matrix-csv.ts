import { readFileSync, writeFileSync } from 'node:fs';
import type { LabelledRows } from './simulated-rows';

/**
 * label,f0,f1,...: the exchange format between this bench, the Node training child and the Python one. Numbers are
 * written with JavaScript's shortest round-trip form, which both Number() and Python's float() read back exactly.
 */
export function writeMatrixCsv(path: string, data: LabelledRows): void {
  const width = data.rows[0]?.length ?? 0;
  const lines = [['label', ...Array.from({ length: width }, (_, index) => `f${index}`)].join(',')];
  data.rows.forEach((row, index) => lines.push(`${data.labels[index]},${Array.from(row).join(',')}`));
  writeFileSync(path, `${lines.join('\n')}\n`);
}

export function readMatrixCsv(path: string): LabelledRows {
  const lines = readFileSync(path, 'utf8').trim().split('\n').slice(1);
  const rows = new Array<Float64Array>(lines.length);
  const labels = new Uint8Array(lines.length);
  lines.forEach((line, index) => {
    const values = line.split(',').map(Number);
    labels[index] = values[0];
    rows[index] = Float64Array.from(values.slice(1));
  });
  return { rows, labels };
}
