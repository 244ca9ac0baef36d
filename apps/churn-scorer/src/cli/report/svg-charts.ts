/**
 * Tiny inline-SVG charts for the evaluation report. Hand-written rather than a chart library: the report is one
 * self-contained HTML file (no script, no CDN, opens offline and in a CI artifact viewer), the output is
 * deterministic for the same numbers, and four chart shapes do not justify a dependency.
 */

export interface Point { x: number; y: number }
export interface Series { name: string; points: Point[]; color: string; dashed?: boolean; markers?: boolean }

const WIDTH = 420;
const HEIGHT = 320;
const MARGIN = { left: 52, right: 16, top: 16, bottom: 44 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const fixed = (value: number): string => value.toFixed(1);

/** Line chart on the unit square (ROC, reliability), with an optional y = x reference line. */
export function unitSquareChart(series: Series[], axis: { x: string; y: string }, options: { diagonal?: boolean } = {}): string {
  const sx = (x: number): number => MARGIN.left + x * PLOT_W;
  const sy = (y: number): number => MARGIN.top + (1 - y) * PLOT_H;
  const parts: string[] = [frame(axis, (t) => t.toFixed(1), (t) => t.toFixed(1))];
  if (options.diagonal) parts.push(`<line x1="${sx(0)}" y1="${sy(0)}" x2="${sx(1)}" y2="${sy(1)}" stroke="#999" stroke-dasharray="4 4"/>`);
  for (const line of series) {
    const path = line.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${fixed(sx(p.x))},${fixed(sy(p.y))}`).join('');
    parts.push(`<path d="${path}" fill="none" stroke="${line.color}" stroke-width="2"${line.dashed ? ' stroke-dasharray="6 3"' : ''}/>`);
    if (line.markers) for (const p of line.points) parts.push(`<circle cx="${fixed(sx(p.x))}" cy="${fixed(sy(p.y))}" r="3" fill="${line.color}"/>`);
  }
  parts.push(legend(series));
  return svg(parts);
}

/** Horizontal bars, largest first (feature importances). */
export function barChart(bars: Array<{ label: string; value: number }>, color: string): string {
  const rowHeight = 18;
  const labelWidth = 200;
  const width = 560;
  const height = bars.length * rowHeight + 20;
  const max = Math.max(...bars.map((bar) => bar.value), 1e-12);
  const rows = bars.map((bar, i) => {
    const y = 10 + i * rowHeight;
    const w = ((width - labelWidth - 70) * bar.value) / max;
    return `<text x="${labelWidth - 6}" y="${y + 12}" text-anchor="end" font-size="11">${escapeXml(bar.label)}</text>` +
      `<rect x="${labelWidth}" y="${y + 2}" width="${fixed(w)}" height="${rowHeight - 5}" fill="${color}"/>` +
      `<text x="${fixed(labelWidth + w + 4)}" y="${y + 12}" font-size="11">${bar.value.toFixed(3)}</text>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">${rows.join('')}</svg>`;
}

/** Overlaid histograms of values in [0, 1] as shares of each group (score distribution by class). */
export function histogramChart(groups: Array<{ name: string; values: ArrayLike<number>; color: string }>, binCount: number, axis: { x: string; y: string }): string {
  const shares = groups.map((group) => {
    const counts = new Array<number>(binCount).fill(0);
    for (let i = 0; i < group.values.length; i++) counts[Math.min(binCount - 1, Math.max(0, Math.floor(group.values[i] * binCount)))]++;
    return counts.map((count) => count / Math.max(1, group.values.length));
  });
  const top = Math.max(...shares.flat(), 1e-12) * 1.1;
  const sx = (x: number): number => MARGIN.left + x * PLOT_W;
  const sy = (y: number): number => MARGIN.top + (1 - y / top) * PLOT_H;
  const parts: string[] = [frame(axis, (t) => t.toFixed(1), (t) => (t * top).toFixed(2))];
  groups.forEach((group, g) => {
    shares[g].forEach((share, b) => {
      const x = sx(b / binCount);
      const w = PLOT_W / binCount;
      parts.push(`<rect x="${fixed(x)}" y="${fixed(sy(share))}" width="${fixed(w)}" height="${fixed(sy(0) - sy(share))}" fill="${group.color}" fill-opacity="0.45" stroke="${group.color}"/>`);
    });
  });
  parts.push(legend(groups.map((group) => ({ name: group.name, color: group.color })), 'top'));
  return svg(parts);
}

function frame(axis: { x: string; y: string }, xTick: (t: number) => string, yTick: (t: number) => string): string {
  const ticks = [0, 0.2, 0.4, 0.6, 0.8, 1];
  const parts = [`<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${PLOT_W}" height="${PLOT_H}" fill="none" stroke="#ccc"/>`];
  for (const t of ticks) {
    const x = MARGIN.left + t * PLOT_W;
    const y = MARGIN.top + (1 - t) * PLOT_H;
    parts.push(`<line x1="${fixed(x)}" y1="${MARGIN.top}" x2="${fixed(x)}" y2="${MARGIN.top + PLOT_H}" stroke="#eee"/>`);
    parts.push(`<line x1="${MARGIN.left}" y1="${fixed(y)}" x2="${MARGIN.left + PLOT_W}" y2="${fixed(y)}" stroke="#eee"/>`);
    parts.push(`<text x="${fixed(x)}" y="${MARGIN.top + PLOT_H + 14}" text-anchor="middle" font-size="10">${xTick(t)}</text>`);
    parts.push(`<text x="${MARGIN.left - 6}" y="${fixed(y + 3)}" text-anchor="end" font-size="10">${yTick(t)}</text>`);
  }
  parts.push(`<text x="${MARGIN.left + PLOT_W / 2}" y="${HEIGHT - 8}" text-anchor="middle" font-size="12">${escapeXml(axis.x)}</text>`);
  parts.push(`<text transform="translate(14 ${MARGIN.top + PLOT_H / 2}) rotate(-90)" text-anchor="middle" font-size="12">${escapeXml(axis.y)}</text>`);
  return parts.join('');
}

/** Bottom-right suits ROC and reliability plots (curves run above the diagonal), top-right suits histograms. */
function legend(series: Array<Pick<Series, 'name' | 'color'>>, corner: 'top' | 'bottom' = 'bottom'): string {
  const firstY = corner === 'top' ? MARGIN.top + 12 : MARGIN.top + PLOT_H - 8 - (series.length - 1) * 15;
  return series.map((line, i) => {
    const y = firstY + i * 15;
    const x = MARGIN.left + PLOT_W - 150;
    return `<rect x="${x}" y="${y - 8}" width="10" height="10" fill="${line.color}"/><text x="${x + 14}" y="${y + 1}" font-size="11">${escapeXml(line.name)}</text>`;
  }).join('');
}

function svg(parts: string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif">${parts.join('')}</svg>`;
}
