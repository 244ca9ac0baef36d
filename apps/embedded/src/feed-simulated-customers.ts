import { customerProfile, simulateTransactions, type SimulatedTransaction } from '@syncengage/simulator';
import { fetchWithRetry } from './fetch-with-retry';
import type { SimulatedClock } from './simulated-clock';

export interface FeedOptions {
  webhookUrl: string;
  /** The replay ends here; the clock starts `days` before it. */
  end: Date;
  customers: number;
  days: number;
  seed: number;
  clock: SimulatedClock;
  /** Waits until every service has handled what was sent so far. */
  drain: () => Promise<void>;
  /** The scorer's sweep for customers gone quiet, run once per simulated day. */
  endOfDay: () => Promise<unknown>;
  onDay?: (done: number, total: number, sent: number) => void;
}

export interface FeedReport {
  webhooks: number;
  rejected: number;
}

const DAY_MS = 86_400_000;

/**
 * Replays a generated purchase history through the public webhook, one simulated day at a time: a customer's
 * first purchase is preceded by their profile, and the pipeline drains before the clock moves on.
 */
export async function feedSimulatedCustomers(options: FeedOptions): Promise<FeedReport> {
  const start = new Date(options.end.getTime() - options.days * DAY_MS);
  const transactions = simulateTransactions({ seed: options.seed, customers: options.customers, startDate: start, days: options.days });
  const byDay = groupByDay(transactions);
  const introduced = new Set<string>();
  const report: FeedReport = { webhooks: 0, rejected: 0 };
  let dayIndex = 0;
  for (const [day, rows] of byDay) {
    options.clock.advanceTo(new Date(day));
    for (const row of rows) {
      if (!introduced.has(row.customerId)) {
        introduced.add(row.customerId);
        await post(options.webhookUrl, profileBody(row.customerId, options.seed), `sim-${options.seed}-profile-${row.customerId}`, report);
      }
      options.clock.advanceTo(new Date(row.timestamp));
      await post(options.webhookUrl, purchaseBody(row), `sim-${options.seed}-order-${row.orderId}`, report);
    }
    await options.drain();
    await options.endOfDay();
    await options.drain();
    dayIndex += 1;
    options.onDay?.(dayIndex, byDay.size, report.webhooks);
  }
  options.clock.advanceTo(options.end);
  return report;
}

function groupByDay(transactions: SimulatedTransaction[]): Map<string, SimulatedTransaction[]> {
  const days = new Map<string, SimulatedTransaction[]>();
  for (const row of transactions) {
    const day = row.timestamp.slice(0, 10);
    const list = days.get(day) ?? [];
    list.push(row);
    days.set(day, list);
  }
  return days;
}

function profileBody(customerId: string, seed: number): unknown {
  const profile = customerProfile(customerId, seed);
  const [firstName, ...rest] = profile.name.split(' ');
  return {
    customer_id: customerId,
    event: 'customer_created',
    data: {
      email: profile.email,
      ...(profile.phone ? { phone: profile.phone, sms_consent: true } : {}),
      first_name: firstName,
      last_name: rest.join(' ') || undefined,
      locale: profile.locale,
      country: profile.country,
      email_consent: true,
    },
  };
}

function purchaseBody(row: SimulatedTransaction): unknown {
  const refund = row.amount < 0;
  return {
    customer_id: row.customerId,
    event: refund ? 'purchase_refunded' : 'purchase_made',
    data: { order_id: row.orderId, amount: Math.abs(row.amount), currency: 'GBP', ordered_at: row.timestamp },
  };
}

/** The event id makes resending safe: a copy that did arrive is answered 200 and published once. */
async function post(url: string, body: unknown, eventId: string, report: FeedReport): Promise<void> {
  const response = await fetchWithRetry(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-syncengage-event-id': eventId }, body: JSON.stringify(body) });
  report.webhooks += 1;
  if (response.status !== 202 && response.status !== 200) {
    report.rejected += 1;
    process.stderr.write(`webhook answered ${response.status}: ${await response.text()}\n`);
  }
}
