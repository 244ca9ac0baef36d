/** One line of the chart: y values at x = (index + 1) × xStep. */
export interface Series {
  label: string;
  color: string;
  values: readonly number[];
  /** Cumulative series start at (0, 0); a level (a threshold, a p-value) starts at its first value instead. */
  fromOrigin?: boolean;
}

export interface LineChart {
  title: string;
  xLabel: string;
  yLabel: string;
  xStep: number;
  series: readonly Series[];
}

const WIDTH = 760;
const HEIGHT = 440;
const MARGIN = { left: 80, right: 24, top: 48, bottom: 56 };

/** A self-contained SVG line chart (no dependency): axes with round ticks, grid, labels and a legend. */
export function lineChartSvg(chart: LineChart): string {
  const points = Math.max(...chart.series.map((series) => series.values.length));
  const xMax = points * chart.xStep;
  const yMax = niceCeiling(Math.max(...chart.series.flatMap((series) => series.values)));
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (value: number) => MARGIN.left + (value / xMax) * plotWidth;
  const y = (value: number) => MARGIN.top + plotHeight - (value / yMax) * plotHeight;
  const xTicks = ticks(xMax);
  const yTicks = ticks(yMax);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${WIDTH / 2}" y="26" text-anchor="middle" font-size="15" font-weight="bold">${escape(chart.title)}</text>`,
    ...yTicks.map((tick) => `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(tick).toFixed(1)}" y2="${y(tick).toFixed(1)}" stroke="#e5e5e5"/>` +
      `<text x="${MARGIN.left - 8}" y="${(y(tick) + 4).toFixed(1)}" text-anchor="end">${formatTick(tick)}</text>`),
    ...xTicks.map((tick) => `<line x1="${x(tick).toFixed(1)}" x2="${x(tick).toFixed(1)}" y1="${MARGIN.top + plotHeight}" y2="${MARGIN.top + plotHeight + 5}" stroke="black"/>` +
      `<text x="${x(tick).toFixed(1)}" y="${MARGIN.top + plotHeight + 19}" text-anchor="middle">${formatTick(tick)}</text>`),
    `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${MARGIN.top + plotHeight}" y2="${MARGIN.top + plotHeight}" stroke="black"/>`,
    `<line x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${MARGIN.top}" y2="${MARGIN.top + plotHeight}" stroke="black"/>`,
    `<text x="${MARGIN.left + plotWidth / 2}" y="${HEIGHT - 14}" text-anchor="middle">${escape(chart.xLabel)}</text>`,
    `<text transform="translate(18 ${MARGIN.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">${escape(chart.yLabel)}</text>`,
    ...chart.series.map((series) => {
      const origin = series.fromOrigin === false ? [] : [`${x(0).toFixed(1)},${y(0).toFixed(1)}`];
      const path = [...origin, ...series.values.map((value, index) => `${x((index + 1) * chart.xStep).toFixed(1)},${y(value).toFixed(1)}`)];
      return `<polyline fill="none" stroke="${series.color}" stroke-width="2" points="${path.join(' ')}"/>`;
    }),
    ...chart.series.map((series, index) => {
      const top = MARGIN.top + 10 + index * 20;
      return `<line x1="${MARGIN.left + 14}" x2="${MARGIN.left + 40}" y1="${top}" y2="${top}" stroke="${series.color}" stroke-width="3"/>` +
        `<text x="${MARGIN.left + 48}" y="${top + 4}">${escape(series.label)}</text>`;
    }),
    '</svg>',
  ];
  return `${parts.join('\n')}\n`;
}

/** 1, 2 or 5 times a power of ten, at or above `value`, so ticks land on round numbers. */
function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const multiple = [1, 2, 5, 10].find((candidate) => candidate * power >= value)!;
  return multiple * power;
}

function ticks(max: number): number[] {
  const step = niceCeiling(max / 6);
  const result: number[] = [];
  for (let tick = 0; tick <= max + step / 1e6; tick += step) result.push(tick);
  return result;
}

function formatTick(value: number): string {
  return value >= 1_000 && value % 1_000 === 0 ? `${value / 1_000}k` : String(Number(value.toPrecision(6)));
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
