import type { MessageRequested } from '@syncengage/contracts';
import type { Decision } from '../domain/decide-campaign';

export interface DecisionRequest {
  scoredEventId: string;
  messageId: string;
  customerId: string;
  decidedAt: Date;
  budgetDay: string;
  budgetCapCents: number;
  traceId: string;
}

export type RecordedDecision =
  | { duplicate: true }
  | { duplicate: false; decision: Decision; budgetDenied: boolean };

export interface DecisionLedger {
  /**
   * In one transaction: ignores an already-decided score, gives `decide` the customer's last contact,
   * reserves the discount against the day's budget (denied past the cap), and stores the decision together
   * with the message to publish (transactional outbox): a decision and its message exist together or not at all.
   */
  decideOnce(
    request: DecisionRequest,
    decide: (lastContactedAt: Date | undefined) => Decision,
    toMessage: (decision: Extract<Decision, { action: 'send' }>) => MessageRequested,
  ): Promise<RecordedDecision>;
  /** Moves a message's reservation to spent (sent) or back to the budget (failed, suppressed); once per message. */
  settle(messageId: string, outcome: 'spent' | 'released'): Promise<boolean>;
}

export interface Outbox {
  /** Publishes what committed decisions left behind; returns how many were published. */
  flush(): Promise<number>;
}

export const DECISION_LEDGER = Symbol('DecisionLedger');
export const OUTBOX = Symbol('Outbox');
