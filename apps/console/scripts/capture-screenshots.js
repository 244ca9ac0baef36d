#!/usr/bin/env node
// Saves the README's screenshots of a running console: node apps/console/scripts/capture-screenshots.js <url> <key> [out-dir]
// (e.g. against `npm start`, which prints the URL and a key). Uses Debian's Chromium, like the browser tests.
'use strict';
const { mkdirSync } = require('node:fs');
const { join } = require('node:path');
const { chromium } = require('playwright-core');

const PAGES = [
  ['funnel', '#/funnel'],
  ['ab', '#/ab'],
  ['budget', '#/budget'],
  ['churn', '#/churn'],
  ['health', '#/health'],
  ['campaigns', '#/campaigns'],
];

async function main() {
  const [url, key, out = join(__dirname, '../../../docs/images')] = process.argv.slice(2);
  if (!url || !key) throw new Error('usage: capture-screenshots.js <console url> <api key> [out dir]');
  mkdirSync(out, { recursive: true });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    await page.goto(`${url}/sign-in`);
    await page.fill('input[name="apiKey"]', key);
    await page.click('button[type="submit"]');
    await page.waitForSelector('#page[data-ready="true"]');
    const customer = await page.evaluate(async () => {
      const campaigns = await (await fetch('/api/campaigns')).json();
      const id = campaigns[0] && campaigns[0].campaignId;
      const detail = id ? await (await fetch(`/api/campaigns/${encodeURIComponent(id)}/versions/${campaigns[0].campaignVersion}`)).json() : null;
      return detail && detail.recentReasons[0] ? detail.recentReasons[0].customerId : null;
    });
    const pages = customer ? [...PAGES, ['customer', `#/customers/${encodeURIComponent(customer)}`]] : PAGES;
    for (const [name, hash] of pages) {
      await page.goto(`${url}/${hash}`);
      await page.waitForSelector(`#page[data-page="${hash.split('/')[1]}"][data-ready="true"]`);
      const file = join(out, `console-${name}.png`);
      await page.screenshot({ path: file, fullPage: name !== 'customer' });
      process.stdout.write(`${file}\n`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
