import { deriveEventId, Topics, type CampaignResult, type ChurnScored, type CustomerUpdated, type MessageRequested } from '@syncengage/contracts';
import { toAnalyticsRow, type AnalyticsRow } from '@syncengage/console';
import { mulberry32 } from '@syncengage/seeded-random';

const NAMESPACE = 'b3c5f9a0-7d1e-4c2a-9f3b-5e6d7c8b9a01';
const CAMPAIGNS = [
  { id: 'at-risk-win-back', segment: 'At-Risk', variants: [['ten', 10], ['twenty', 20]] },
  { id: 'vip-early-access', segment: 'VIP', variants: [['early', 0]] },
  { id: 'new-onboarding', segment: 'New', variants: [['welcome', 0]] },
  { id: 'dormant-reactivation', segment: 'Dormant', variants: [['fifteen', 15]] },
] as const;
const LOCALES = ['en', 'es', 'fr', 'es-MX'];
const DAY_MS = 86_400_000;

/**
 * One simulated message's life as the services would publish it: the purchase and score that led to it, the
 * request, and results up to where the customer stopped (sent → opened → clicked → converted), about 4.6 events
 * per message. Yields batches of rows ready for the store.
 */
export function* syntheticEventBatches(options: { events: number; batchSize: number; seed: number; customers: number; days: number; start: Date }): Generator<AnalyticsRow[]> {
  const random = mulberry32(options.seed);
  let produced = 0;
  let batch: AnalyticsRow[] = [];
  for (let message = 0; produced < options.events; message += 1) {
    const customerId = `cust_${Math.floor(random() * options.customers)}`;
    const at = new Date(options.start.getTime() + random() * options.days * DAY_MS);
    const iso = (offsetMs: number): string => new Date(at.getTime() + offsetMs).toISOString();
    const campaign = CAMPAIGNS[Math.floor(random() * CAMPAIGNS.length)];
    const [variant, percent] = campaign.variants[Math.floor(random() * campaign.variants.length)];
    const channel = random() < 0.8 ? 'email' : 'sms';
    const locale = LOCALES[Math.floor(random() * LOCALES.length)];
    const messageId = deriveEventId(NAMESPACE, `message-${message}`);
    const reservedCents = percent * 50;
    const rows: AnalyticsRow[] = [];
    const purchase: CustomerUpdated = {
      eventId: deriveEventId(NAMESPACE, `purchase-${message}`), occurredAt: iso(-3_600_000), customerId, eventType: 'customer-updated', schemaVersion: 1,
      source: 'simulator', change: 'purchase_made', purchase: { orderId: `o-${message}`, amountCents: 1000 + Math.floor(random() * 9000), currency: 'GBP', orderedAt: iso(-3_600_000) },
      profile: { locale }, attributes: {},
    };
    const score = random();
    const scored: ChurnScored = {
      eventId: deriveEventId(NAMESPACE, `score-${message}`), occurredAt: iso(-3_000_000), customerId, eventType: 'churn-scored', schemaVersion: 1,
      score, band: score < 0.4 ? 'low' : score < 0.7 ? 'medium' : 'high', modelVersion: random() < 0.7 ? 'rf-2026-10' : 'rf-2026-11', horizonDays: 90,
      rfm: { recencyDays: 30, frequency: 3, monetaryTotalCents: 12000, tenureDays: 200 }, profile: { locale }, trigger: 'purchase_made',
    };
    const request: MessageRequested = {
      eventId: messageId, occurredAt: iso(0), customerId, eventType: 'message-requested', schemaVersion: 1, campaignId: campaign.id, campaignVersion: 1,
      variant, segment: campaign.segment, channel, locale, recipient: channel === 'email' ? { email: `${customerId}@example.com` } : { phone: '+15558675310' },
      content: { subject: 'We miss you', text: 'Come back for 10 % off' }, ...(percent > 0 ? { discount: { percent, code: `C${message}`, reservedCents } } : {}),
      reason: `${campaign.segment}: risk ${score.toFixed(2)}; variant ${variant}`,
    };
    rows.push(toAnalyticsRow(Topics.CustomerUpdated, purchase), toAnalyticsRow(Topics.ChurnScored, scored), toAnalyticsRow(Topics.MessageRequested, request));
    const stages = ['sent', 'opened', 'clicked', 'converted'] as const;
    const reach = random() < 0.4 ? (random() < 0.4 ? (random() < 0.35 ? 3 : 2) : 1) : 0;
    for (let stage = 0; stage <= reach; stage += 1) {
      const result: CampaignResult = {
        eventId: deriveEventId(messageId, stages[stage]), occurredAt: iso((stage + 1) * 1_800_000), customerId, eventType: 'campaign-result', schemaVersion: 1,
        messageId, campaignId: campaign.id, campaignVersion: 1, variant, channel, provider: 'local-outbox', status: 'sent',
        opened: stage >= 1, clicked: stage >= 2, converted: stage >= 3, revenueImpactCents: stage >= 3 ? 5000 : 0, discountReservedCents: reservedCents,
        stage: stages[stage], sentAt: iso(1_800_000),
      };
      rows.push(toAnalyticsRow(Topics.CampaignResult, result));
    }
    for (const row of rows) {
      if (produced >= options.events) break;
      batch.push(row);
      produced += 1;
      if (batch.length === options.batchSize) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length > 0) yield batch;
}
