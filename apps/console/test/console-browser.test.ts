/// <reference lib="dom" />
import { chromium, type Browser, type Page } from 'playwright-core';
import { KEYS, startSeededConsole, type SeededConsole } from './console-harness';

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
    expect(await page.textContent('[data-card="ab-winback-1"] [data-verdict]')).toContain('keep testing');
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
    expect(await page.$$eval('table[data-table="customer-events"] tbody tr', (rows) => rows.length)).toBe(10);
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
