export interface DailyBudget {
  capCents: number;
  /** Reserved for decided messages whose outcome is not known yet, plus what was settled. */
  committedCents: number;
}

export type Reservation =
  | { granted: true; budget: DailyBudget }
  | { granted: false; reason: 'cap-reached'; remainingCents: number };

/** The seed's `if discountTotal > dailyBudget { skipRetentionTrigger() }`, as a value: never past the cap. */
export function reserve(budget: DailyBudget, costCents: number): Reservation {
  const remainingCents = budget.capCents - budget.committedCents;
  if (costCents > remainingCents) return { granted: false, reason: 'cap-reached', remainingCents };
  return { granted: true, budget: { ...budget, committedCents: budget.committedCents + costCents } };
}

/** The budget day is the calendar day in the business's time zone, not UTC's. */
export function budgetDayOf(instant: Date, timeZone: string): string {
  // Assembled from parts: a locale's date pattern can change between ICU releases, its parts cannot.
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((candidate) => candidate.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}
