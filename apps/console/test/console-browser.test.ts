/// <reference lib="dom" />
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { KEYS, startSeededConsole, type SeededConsole } from './console-harness';
import { startConsoleWith, startScorerProcess, writeArtifact, type Artifact, type ConsoleUnderTest, type ScorerProcess } from './model-info-harness';

/**
 * The console in a real headless Chromium (Debian's /usr/bin/chromium): sign in, then every page's charts must
 * be drawn from the seeded numbers — read back from the Chart.js instances and from the tables beside them.
 */
describe('the web console in Chromium', () => {
  let seeded: SeededConsole;
  let browser: Browser;
  let page: Page;

  const open = async (hash: string): Promise<void> => {
    await page.goto(`${seeded.console.url}/${hash}`);
    await page.waitForSelector(`#page[data-page="${hash.split('/')[1]}"][data-ready="true"]`);
  };
  const chartData = (id: string): Promise<number[][]> =>
    page.$eval(`canvas[data-chart="${id}"]`, (canvas) => {
      const chart = (window as unknown as { Chart: { getChart(c: unknown): { data: { datasets: Array<{ data: number[] }> } } } }).Chart.getChart(canvas);
      return chart.data.datasets.map((dataset) => dataset.data);
    });
  const cell = (table: string, row: string, key: string): Promise<string> =>
    page.$eval(`table[data-table="${table}"] tr[data-row="${row}"] td[data-key="${key}"]`, (td) => td.textContent ?? '');

  beforeAll(async () => {
    seeded = await startSeededConsole('console_browser');
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await seeded?.close();
  });

  it('sends a visitor without a key to the sign-in page, and refuses a wrong key', async () => {
    await page.goto(seeded.console.url);
    await page.waitForURL('**/sign-in');
    await page.fill('input[name="apiKey"]', 'wrong-key-0000000000');
    await page.click('button[type="submit"]');
    await page.waitForURL('**/sign-in?failed=1');
    expect(await page.isVisible('#failed')).toBe(true);
  });

  it('signs in with an operator key and draws the funnel from the seeded events', async () => {
    await page.fill('input[name="apiKey"]', KEYS.operator);
    await page.click('button[type="submit"]');
    await page.waitForSelector('#page[data-page="funnel"][data-ready="true"]');
    expect(await page.textContent('#role')).toBe('signed in: operator');
    expect(await chartData('funnel')).toEqual([[4, 3, 2, 1]]);
    expect(await cell('funnel', 'Opened', 'count')).toBe('3');
    expect(await cell('funnel', 'Clicked', 'rateFromPrevious')).toBe('66.7 %');
    expect(await page.textContent('[data-kpi="revenue"] strong')).toBe('40.00');
    expect(await page.textContent('[data-kpi="profit"] strong')).toBe('35.00');
    expect(await page.textContent('[data-kpi="median-time"] strong')).toBe('2.0 h');
    expect(await chartData('funnel-by-segment')).toEqual([[3, 1], [2, 1], [1, 1], [1, 0]]);
  });

  it('shows the uplift against the holdout in the money panel, drawn and tabled', async () => {
    expect(await page.textContent('[data-kpi="uplift"] strong')).toBe('+16.7 pts');
    expect(await page.textContent('[data-kpi="revenue-uplift"] strong')).toBe('+9.17');
    expect(await page.textContent('[data-uplift="available"]')).toContain('95 % CI -41.1 pts to +61.0 pts');
    expect(await chartData('uplift')).toEqual([[50, 33.33], [15, 6.15], [85, 79.23]]);
    expect(await cell('uplift', 'sent', 'customers')).toBe('4');
    expect(await cell('uplift', 'holdout', 'customers')).toBe('3');
    expect(await cell('uplift', 'holdout', 'revenuePerCustomer')).toBe('8.33');
    expect(await cell('uplift', 'sent', 'uplift')).toBe('+16.7 pts');
    expect(await cell('uplift', 'sent', 'revenueUplift')).toBe('+9.17');
  });

  it('applies the filter bar to the charts', async () => {
    await page.selectOption('select[name="channel"]', 'sms');
    await page.click('#filters button[type="submit"]');
    await page.waitForFunction(() => document.querySelector('td[data-key="count"]')?.textContent === '1' && document.querySelector('#page')?.getAttribute('data-ready') === 'true');
    expect(await chartData('funnel')).toEqual([[1, 0, 0, 0]]);
    await page.selectOption('select[name="channel"]', '');
  });

  it('shows A/B results with intervals and the verdict', async () => {
    await open('#/ab');
    expect(await chartData('ab-winback-1')).toEqual([[50, 0], [9.45, 0], [90.55, 79.35]]);
    expect(await cell('ab-winback-1', 'ten', 'sent')).toBe('2');
    expect(await cell('ab-winback-1', 'ten', 'discount')).toBe('10 %');
    expect(await cell('ab-winback-1', 'twenty', 'discount')).toBe('17.5 % (15–20)');
    expect(await page.textContent('[data-card="ab-winback-1"] [data-verdict]')).toContain('keep testing');
  });

  it('puts a holdout row beside the variants on the A/B page, with each variant\'s uplift', async () => {
    expect(await chartData('ab-winback-1-uplift')).toEqual([[50, 50, 33.33], [9.45, 9.45, 6.15], [90.55, 90.55, 79.23]]);
    expect(await cell('ab-winback-1-uplift', 'holdout', 'customers')).toBe('3');
    expect(await cell('ab-winback-1-uplift', 'holdout', 'purchasers')).toBe('1');
    expect(await cell('ab-winback-1-uplift', 'holdout', 'uplift')).toBe('—');
    expect(await cell('ab-winback-1-uplift', 'ten', 'uplift')).toBe('+16.7 pts');
    expect(await cell('ab-winback-1-uplift', 'ten', 'revenueUplift')).toBe('+11.67');
    expect(await cell('ab-winback-1-uplift', 'twenty', 'revenueUplift')).toBe('+6.67');
    expect(await page.textContent('[data-card="ab-vip-1-uplift"]')).toContain('No holdout in this version');
  });

  it('shows the budget per day against the cap', async () => {
    await open('#/budget');
    expect(await chartData('budget')).toEqual([[15, 15], [5, 0], [20, 20]]);
    expect(await cell('budget', '2026-03-03', 'messages')).toBe('3');
  });

  it('shows the churn distribution, band moves and model versions', async () => {
    await open('#/churn');
    expect(await chartData('churn')).toEqual([[0, 0, 0, 0, 0, 1, 0, 1, 0, 1]]);
    expect(await cell('churn-bands', 'high', 'customers')).toBe('2');
    expect(await cell('models', 'model-a', 'share')).toBe('66.7 %');
  });

  it('shows pipeline health per topic', async () => {
    await open('#/health');
    expect(await cell('health', 'campaign-result', 'recorded')).toBe('11');
    expect(await cell('health', 'churn-scored', 'lag')).toBe('0');
    expect(await cell('send-failures', 'sms', 'count')).toBe('1');
  });

  it('lists campaigns and opens one', async () => {
    await open('#/campaigns');
    expect(await chartData('campaigns')).toEqual([[1, 3], [0, 1]]);
    await page.click('table[data-table="campaigns"] a:text("winback")');
    await page.waitForSelector('canvas[data-chart="campaign-funnel"]');
    expect(await chartData('campaign-funnel')).toEqual([[2, 1], [1, 1], [1, 0], [1, 0]]);
  });

  it("shows a customer's scores and every message with its reason", async () => {
    await open('#/customers/c1');
    expect(await chartData('customer-scores')).toEqual([[0.15, 0.75]]);
    expect(await page.textContent('table[data-table="customer-messages"] tbody')).toContain('At-Risk because of the seed; variant ten');
    expect(await page.$$eval('table[data-table="customer-events"] tbody tr', (rows) => rows.length)).toBe(13);
  });

  it("lists every decision about a customer with its reason, held out and skipped included", async () => {
    expect(await page.$$eval('table[data-table="customer-decisions"] td[data-key="action"]', (cells) => cells.map((c) => c.textContent))).toEqual(['send', 'skip']);
    expect(await cell('customer-decisions', '2026-03-03 08:01', 'reason')).toBe('contacted at 2026-03-02T09:00:00.000Z, inside the cool-down');
    await open('#/customers/c7');
    expect(await page.$$eval('table[data-table="customer-decisions"] td[data-key="action"]', (cells) => cells.map((c) => c.textContent))).toEqual(['holdout']);
    expect(await page.textContent('table[data-table="customer-decisions"] tbody')).toContain('in the 10% holdout of winback');
    expect(await page.$$eval('table[data-table="customer-messages"] tbody tr', (rows) => rows.length)).toBe(0);
  });

  it('keeps customer data from a viewer', async () => {
    await page.context().clearCookies();
    await page.goto(`${seeded.console.url}/sign-in`);
    await page.fill('input[name="apiKey"]', KEYS.viewer);
    await page.click('button[type="submit"]');
    await page.waitForSelector('#page[data-ready="true"]');
    await open('#/customers/c1');
    expect(await page.textContent('[data-error]')).toContain('403');
    expect(await page.$('table[data-table="customer-messages"]')).toBeNull();
  });
});

describe("the churn page's live model, from a real churn scorer, in Chromium", () => {
  let directory: string;
  let served: Artifact;
  let scorer: ScorerProcess | undefined;
  let consoleApp: ConsoleUnderTest;
  let browser: Browser;
  let page: Page;

  const openChurn = async (): Promise<void> => {
    await page.goto(`${consoleApp.console.url}/#/churn`);
    await page.waitForSelector('#page[data-page="churn"][data-ready="true"]');
  };
  const metric = (name: string, key: string): Promise<string> =>
    page.$eval(`table[data-table="model-metrics"] tr[data-row="${name}"] td[data-key="${key}"]`, (td) => td.textContent ?? '');

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'console-browser-model-'));
    const modelPath = join(directory, 'model.json');
    served = await writeArtifact(modelPath, 'browser-model', { prAuc: 0.61234 });
    scorer = await startScorerProcess(modelPath);
    consoleApp = await startConsoleWith('console_browser_model', { CONSOLE_CHURN_SCORER_ADDRESS: scorer.address, CONSOLE_MODEL_INFO_CACHE_MS: '0' });
    await consoleApp.recordScores([
      { customerId: 'b1', modelVersion: 'browser-model', score: 0.3 },
      { customerId: 'b2', modelVersion: 'older-model', score: 0.6 },
      { customerId: 'b3', modelVersion: 'older-model', score: 0.9 },
    ]);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${consoleApp.console.url}/sign-in`);
    await page.fill('input[name="apiKey"]', KEYS.viewer);
    await page.click('button[type="submit"]');
    await page.waitForSelector('#page[data-ready="true"]');
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await consoleApp?.close();
    await scorer?.stop();
    await rm(directory, { recursive: true, force: true });
  });

  it("shows the served model's metrics, provenance and share of scored customers", async () => {
    await openChurn();
    expect(await page.textContent('[data-card="live-model"] h2')).toBe('Live model browser-model');
    expect(await metric('oobRocAuc', 'value')).toBe(served.metrics.oobRocAuc.toFixed(4));
    expect(await metric('oobBrier', 'value')).toBe(served.metrics.oobBrier.toFixed(4));
    expect(await metric('oobLogLoss', 'value')).toBe(served.metrics.oobLogLoss.toFixed(4));
    expect(await metric('prAuc', 'value')).toBe('0.6123');
    expect(await metric('oobRocAuc', 'meaning')).toBe('ROC AUC, out-of-bag');
    const rows = await page.$$eval('table[data-table="model-metrics"] tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-row')));
    expect([...rows].sort()).toEqual(Object.keys(served.metrics).sort());
    expect(rows.slice(0, 3)).toEqual(['oobRocAuc', 'prAuc', 'oobBrier']);
    expect(await page.textContent('table[data-table="model-provenance"] tr[data-row="training data sha256"] td:nth-child(2)')).toBe(served.training.dataSha256);
    expect(await page.textContent('[data-kpi="live-share"] strong')).toBe('33.3 %');
  });

  it('says the scorer is unreachable and still draws the rest of the page', async () => {
    await scorer!.stop();
    scorer = undefined;
    await page.reload();
    await page.waitForSelector('#page[data-page="churn"][data-ready="true"]');
    expect(await page.textContent('[data-card="live-model"] [data-live-model="unreachable"]')).toMatch(/^scorer unreachable: 14 UNAVAILABLE/);
    expect(await page.$('table[data-table="model-metrics"]')).toBeNull();
    expect(await page.textContent('table[data-table="models"] tr[data-row="older-model"] td[data-key="share"]')).toBe('66.7 %');
  });
});
