/** The seed's funnel: Trigger Sent → Email Opened → Link Clicked → Purchase Made. */
export interface FunnelCounts {
  requested: number;
  sent: number;
  opened: number;
  clicked: number;
  converted: number;
}

export interface FunnelStep {
  step: 'Trigger Sent' | 'Opened' | 'Clicked' | 'Purchase';
  count: number;
  /** Of the step before (1 for the first step when anything was sent). */
  rateFromPrevious: number;
  /** Of the messages sent. */
  rateFromSent: number;
}

export function funnelSteps(counts: FunnelCounts): FunnelStep[] {
  const ordered: Array<[FunnelStep['step'], number]> = [
    ['Trigger Sent', counts.sent],
    ['Opened', counts.opened],
    ['Clicked', counts.clicked],
    ['Purchase', counts.converted],
  ];
  return ordered.map(([step, count], index) => {
    const previous = index === 0 ? counts.sent : ordered[index - 1][1];
    return { step, count, rateFromPrevious: ratio(count, previous), rateFromSent: ratio(count, counts.sent) };
  });
}

export function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}
