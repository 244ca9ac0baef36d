/**
 * Everything the churn features need about one customer, kept current one transaction at a time. The same
 * fold builds the training snapshots and the serving state, so the two cannot drift apart.
 *
 * Memory is bounded: order days and return days are kept only for the last RETAINED_DAYS before the latest
 * recorded day (enough for every windowed feature); the rest is running totals and Welford statistics of the
 * gaps between order days. The state is plain JSON so it can be stored as a document or a jsonb column.
 */

/** Longest window any feature looks back (orders_last_180, spend_prev_90 = days T−180 < d <= T−90). */
export const RETAINED_DAYS = 180;

export interface GapStats {
  /** Number of gaps between consecutive order days (= orders − 1). */
  count: number;
  mean: number;
  /** Sum of squared deviations from the mean (Welford); variance = m2 / count. */
  m2: number;
}

export interface CustomerActivity {
  schemaVersion: 1;
  /** Order days: calendar days with at least one row of amount >= 0. */
  orderCount: number;
  /** Purchase rows (invoices) over all order days. */
  documentCount: number;
  monetaryTotal: number;
  maxOrderAmount: number;
  firstOrderDay: number | null;
  lastOrderDay: number | null;
  lastOrderAmount: number;
  /** The order day before lastOrderDay, for the last gap. */
  previousOrderDay: number | null;
  gaps: GapStats;
  /** [day, order amount] for order days within RETAINED_DAYS of latestDay, ascending by day. */
  recentOrders: Array<[number, number]>;
  /** Calendar days with at least one negative row. */
  returnDayCount: number;
  /** Sum of the absolute values of negative rows. */
  returnsValue: number;
  recentReturnDays: number[];
  /** Latest order day dropped from recentOrders: every order day after it is still retained. */
  forgottenOrderDay: number | null;
  /** Latest return day dropped from recentReturnDays. */
  forgottenReturnDay: number | null;
  /** Latest day of any recorded row; features can only be asked for on this day or later. */
  latestDay: number | null;
  /**
   * True once a row arrived out of order and on or before a forgotten day: totals stay exact, but such a row cannot
   * be matched to an existing order day, so frequency, the largest order and gap statistics may be slightly off.
   */
  isApproximate: boolean;
}

export interface TransactionOnDay {
  /** Calendar day, days since 1970-01-01 (see calendar-day.ts). */
  day: number;
  /** Amount of one document: >= 0 is a purchase, < 0 a return. */
  amount: number;
}

export function emptyActivity(): CustomerActivity {
  return {
    schemaVersion: 1,
    orderCount: 0,
    documentCount: 0,
    monetaryTotal: 0,
    maxOrderAmount: 0,
    firstOrderDay: null,
    lastOrderDay: null,
    lastOrderAmount: 0,
    previousOrderDay: null,
    gaps: { count: 0, mean: 0, m2: 0 },
    recentOrders: [],
    returnDayCount: 0,
    returnsValue: 0,
    recentReturnDays: [],
    forgottenOrderDay: null,
    forgottenReturnDay: null,
    latestDay: null,
    isApproximate: false,
  };
}

export function hasOrders(activity: CustomerActivity): boolean {
  return activity.orderCount > 0;
}

/**
 * Folds one document into the activity and returns the new activity; the argument is not modified. Rows in
 * day order (the usual case, and always in training) cost O(retained days); a late row is placed exactly unless it
 * is dated on or before a day the activity has already forgotten (then isApproximate is set).
 */
export function recordTransaction(activity: CustomerActivity, transaction: TransactionOnDay): CustomerActivity {
  const { day, amount } = transaction;
  if (!Number.isInteger(day)) throw new RangeError(`recordTransaction: day must be an integer day number, got ${day}`);
  if (!Number.isFinite(amount)) throw new RangeError(`recordTransaction: amount must be a finite number, got ${amount}`);
  const latestDay = activity.latestDay === null ? day : Math.max(activity.latestDay, day);
  const next = amount < 0 ? withReturn(activity, day, -amount) : withPurchase(activity, day, amount);
  return prune({ ...next, latestDay });
}

function withPurchase(activity: CustomerActivity, day: number, amount: number): CustomerActivity {
  const base = { ...activity, documentCount: activity.documentCount + 1, monetaryTotal: activity.monetaryTotal + amount };
  const { lastOrderDay, firstOrderDay } = activity;

  if (lastOrderDay === null || firstOrderDay === null) {
    return { ...base, orderCount: 1, firstOrderDay: day, lastOrderDay: day, lastOrderAmount: amount, maxOrderAmount: amount, recentOrders: [[day, amount]] };
  }
  if (day === lastOrderDay) {
    // Several invoices on one day are one order: the day's amount grows, the order count does not.
    const lastOrderAmount = activity.lastOrderAmount + amount;
    const recentOrders = activity.recentOrders.slice();
    const last = recentOrders.length - 1;
    if (last >= 0 && recentOrders[last][0] === day) recentOrders[last] = [day, recentOrders[last][1] + amount];
    return { ...base, lastOrderAmount, maxOrderAmount: Math.max(activity.maxOrderAmount, lastOrderAmount), recentOrders };
  }
  if (day > lastOrderDay) {
    return {
      ...base,
      orderCount: activity.orderCount + 1,
      lastOrderDay: day,
      previousOrderDay: lastOrderDay,
      lastOrderAmount: amount,
      maxOrderAmount: Math.max(activity.maxOrderAmount, amount),
      gaps: addGap(activity.gaps, day - lastOrderDay),
      recentOrders: [...activity.recentOrders, [day, amount]],
    };
  }
  return withLatePurchase(base, activity, day, amount);
}

/** A purchase dated before the last order day: a back-filled or re-ordered event. */
function withLatePurchase(base: CustomerActivity, activity: CustomerActivity, day: number, amount: number): CustomerActivity {
  const firstOrderDay = activity.firstOrderDay as number;
  const forgotten = activity.forgottenOrderDay;
  const inserted = { ...base, orderCount: activity.orderCount + 1, maxOrderAmount: Math.max(activity.maxOrderAmount, amount) };
  if (forgotten !== null && day <= forgotten) {
    // Among days no longer remembered, only "before the first order" can be placed for sure.
    if (day < firstOrderDay) return { ...inserted, firstOrderDay: day, gaps: addGap(activity.gaps, firstOrderDay - day) };
    return day === firstOrderDay ? { ...base, isApproximate: true } : { ...inserted, isApproximate: true };
  }
  // Every order day after `forgotten` is retained, so the row's neighbours are known exactly.
  const existing = activity.recentOrders.find(([orderDay]) => orderDay === day);
  if (existing) {
    return { ...base, maxOrderAmount: Math.max(activity.maxOrderAmount, existing[1] + amount), recentOrders: addToDay(activity.recentOrders, day, amount) };
  }
  const earlier = activity.recentOrders.filter(([orderDay]) => orderDay < day);
  const later = activity.recentOrders.filter(([orderDay]) => orderDay > day);
  const recentOrders: Array<[number, number]> = [...earlier, [day, amount], ...later];
  const previous = earlier.length > 0 ? earlier[earlier.length - 1][0] : forgotten;
  if (previous === null) {
    return { ...inserted, firstOrderDay: day, gaps: addGap(activity.gaps, firstOrderDay - day), recentOrders };
  }
  const following = later[0][0];
  const gaps = addGap(addGap(removeGap(activity.gaps, following - previous), day - previous), following - day);
  const previousOrderDay = following === activity.lastOrderDay ? day : activity.previousOrderDay;
  return { ...inserted, gaps, previousOrderDay, recentOrders };
}

function withReturn(activity: CustomerActivity, day: number, value: number): CustomerActivity {
  const base = { ...activity, returnsValue: activity.returnsValue + value };
  const days = activity.recentReturnDays;
  if (days.includes(day)) return base;
  if (activity.forgottenReturnDay !== null && day <= activity.forgottenReturnDay) {
    // A return day we no longer remember: it may or may not be a new day.
    return { ...base, returnDayCount: activity.returnDayCount + 1, isApproximate: true };
  }
  const recentReturnDays = days.length === 0 || day > days[days.length - 1] ? [...days, day] : [...days, day].sort((a, b) => a - b);
  return { ...base, returnDayCount: activity.returnDayCount + 1, recentReturnDays };
}

function prune(activity: CustomerActivity): CustomerActivity {
  const horizon = (activity.latestDay as number) - RETAINED_DAYS;
  const orders = activity.recentOrders;
  const returns = activity.recentReturnDays;
  const isStale = (orders.length > 0 && orders[0][0] <= horizon) || (returns.length > 0 && returns[0] <= horizon);
  if (!isStale) return activity;
  const keptOrders = orders.filter(([day]) => day > horizon);
  const keptReturns = returns.filter((day) => day > horizon);
  const droppedOrder = orders.length > keptOrders.length ? orders[orders.length - keptOrders.length - 1][0] : null;
  const droppedReturn = returns.length > keptReturns.length ? returns[returns.length - keptReturns.length - 1] : null;
  return {
    ...activity,
    recentOrders: keptOrders,
    recentReturnDays: keptReturns,
    forgottenOrderDay: droppedOrder === null ? activity.forgottenOrderDay : Math.max(droppedOrder, activity.forgottenOrderDay ?? droppedOrder),
    forgottenReturnDay: droppedReturn === null ? activity.forgottenReturnDay : Math.max(droppedReturn, activity.forgottenReturnDay ?? droppedReturn),
  };
}

function addToDay(orders: Array<[number, number]>, day: number, amount: number): Array<[number, number]> {
  return orders.map(([orderDay, orderAmount]) => (orderDay === day ? [orderDay, orderAmount + amount] : [orderDay, orderAmount]));
}

function addGap(stats: GapStats, gap: number): GapStats {
  const count = stats.count + 1;
  const delta = gap - stats.mean;
  const mean = stats.mean + delta / count;
  return { count, mean, m2: stats.m2 + delta * (gap - mean) };
}

function removeGap(stats: GapStats, gap: number): GapStats {
  const count = stats.count - 1;
  if (count === 0) return { count: 0, mean: 0, m2: 0 };
  const mean = (stats.mean * stats.count - gap) / count;
  return { count, mean, m2: Math.max(0, stats.m2 - (gap - mean) * (gap - stats.mean)) };
}
