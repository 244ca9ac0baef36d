import { z } from 'zod';
import { decodeWith } from '../decode';
import { envelopeShape } from '../envelope';
import { riskBands } from './churn-scored';
import { channels, segments } from './message-requested';

export const DECISION_RECORDED_SCHEMA_VERSION = 1 as const;

/** The arm name of the holdout, the A/B test's control group: decided, never sent anything. */
export const HOLDOUT_VARIANT = 'holdout' as const;

export const decisionActions = ['send', 'holdout', 'skip'] as const;
export type DecisionAction = (typeof decisionActions)[number];

/**
 * One per orchestrator decision, whatever it decided: only sends leave a message-requested, so without this the
 * holdout (the A/B test's control group) and the skips are invisible outside the orchestrator. A decision is about
 * a churn-scored event (`scoredEventId`) or, for a journey's follow-up, about a step of a running journey
 * (`journey`). Written to the outbox in the decision's own transaction; `eventId` is derived from what caused it
 * (`causationId`), so a redelivered score or a re-fired step records nothing new.
 */
export const decisionRecordedSchema = z
  .object({
    ...envelopeShape,
    eventType: z.literal('decision-recorded'),
    schemaVersion: z.literal(DECISION_RECORDED_SCHEMA_VERSION),
    /** The churn-scored event decided on (also `causationId`); unset for a journey's follow-up. */
    scoredEventId: z.string().uuid().optional(),
    /** A journey's follow-up: the journey instance and which of its sends (its first is the decision on the score). */
    journey: z.object({ instanceId: z.string().min(1), ordinal: z.number().int().nonnegative() }).optional(),
    action: z.enum(decisionActions),
    campaignId: z.string().min(1).optional(),
    campaignVersion: z.number().int().positive().optional(),
    /** The A/B arm: a variant name, or HOLDOUT_VARIANT for the control group. */
    variant: z.string().min(1).optional(),
    /** Unset when the customer is in no segment. */
    segment: z.enum(segments).optional(),
    riskBand: z.enum(riskBands),
    /** The score decided on; a journey's follow-up has none of its own. */
    churnProbability: z.number().min(0).max(1).optional(),
    /** Sends only: the message-requested event's id, the discount and the channel it went out on. */
    messageId: z.string().uuid().optional(),
    discountPercent: z.number().min(0).max(100).optional(),
    channel: z.enum(channels).optional(),
    /** Why: a person reading it back later sees the same words the orchestrator logged. */
    reason: z.string().min(1),
    decidedAt: z.string().datetime({ offset: true }),
  })
  .superRefine((decision, ctx) => {
    if ((decision.scoredEventId === undefined) === (decision.journey === undefined)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['scoredEventId'], message: 'a decision is about a churn-scored event or a journey step: exactly one of scoredEventId and journey' });
    }
    if (decision.action === 'send') {
      for (const field of ['campaignId', 'campaignVersion', 'variant', 'messageId', 'channel'] as const) {
        if (decision[field] === undefined) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field], message: 'required for a send' });
      }
    }
    if (decision.action === 'holdout' && (decision.campaignId === undefined || decision.campaignVersion === undefined)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['campaignId'], message: 'a holdout is the holdout of a campaign version' });
    }
  });

export type DecisionRecorded = z.infer<typeof decisionRecordedSchema>;

export const decodeDecisionRecorded = (raw: unknown): DecisionRecorded => decodeWith('decision-recorded', decisionRecordedSchema, raw);
