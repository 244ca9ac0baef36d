import type { PipelineSummary } from './pipeline-summary';

const money = (cents: number): string => (cents / 100).toFixed(2);

/** The terminal report after the replay: what flowed, how customers scored, what was sent and why. */
export function renderSummary(summary: PipelineSummary): string {
  const lines: string[] = [];
  lines.push('Events per topic');
  for (const [topic, count] of Object.entries(summary.events)) lines.push(`  ${topic.padEnd(20)} ${String(count).padStart(7)}`);
  const deadLetters = Object.entries(summary.deadLetters).filter(([, count]) => count > 0);
  lines.push(`  dead letters         ${String(deadLetters.reduce((sum, [, count]) => sum + count, 0)).padStart(7)}`);
  lines.push('');
  lines.push(`Churn scores of ${summary.customers} customers (latest score each)`);
  const widest = Math.max(1, ...summary.scoreDeciles);
  summary.scoreDeciles.forEach((count, decile) => {
    const bar = '█'.repeat(Math.round((count / widest) * 40));
    lines.push(`  ${(decile / 10).toFixed(1)}–${((decile + 1) / 10).toFixed(1)} ${String(count).padStart(5)} ${bar}`);
  });
  lines.push(`  bands: ${Object.entries(summary.bands).map(([band, count]) => `${band} ${count}`).join(', ')}`);
  lines.push('');
  lines.push('Decisions (action, segment, campaign, variant, channel)');
  for (const row of summary.decisions.slice(0, 14)) {
    lines.push(`  ${String(row.count).padStart(6)}  ${row.action.padEnd(8)} ${(row.segment ?? '-').padEnd(8)} ${(row.campaign ?? '-').padEnd(22)} ${(row.variant ?? '-').padEnd(9)} ${row.channel ?? '-'}`);
  }
  lines.push('');
  const { budget } = summary;
  lines.push(
    `Discount budget: ${budget.days} days, spent ${money(budget.spentCents)} + reserved ${money(budget.reservedCents)} of ${money(budget.capCents)}; ${budget.daysAtCap} day(s) at the cap`,
  );
  lines.push('');
  lines.push('Latest messages in the local outbox');
  for (const message of summary.outbox) {
    lines.push(`  [${message.channel} ${message.locale}] to ${message.recipient} (${message.campaign_id}/${message.variant}): ${message.subject ?? ''} — ${message.body}`);
  }
  return lines.join('\n');
}
