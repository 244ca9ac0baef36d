import { channels, type Channel } from '@syncengage/contracts';
import { z } from 'zod';
import type { Campaign, MessageTemplate } from './campaigns';

/** What a branch can wait for: the stages of the journey's latest message that campaign-result reports. */
export const engagements = ['opened', 'clicked', 'converted'] as const;
export type Engagement = (typeof engagements)[number];

const stepId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and - only (at most 64)');
const days = z.number().positive().max(365);

export type JourneyStep =
  /** Sends a follow-up through the same decision, budget, outbox and guard rails as a first message. */
  | { id: string; type: 'send'; templates: Record<string, MessageTemplate>; discountPercent?: number; next?: string }
  | { id: string; type: 'wait'; days: number; next?: string }
  /**
   * Follows `then` once the latest message reached `on`, else `else`. With `withinDays` it waits that long for the
   * campaign-result (and moves the moment it arrives); without, it decides on what is known when reached.
   */
  | { id: string; type: 'branch'; on: Engagement; withinDays?: number; then: string; else: string }
  | { id: string; type: 'exit' };

/** The steps after a campaign's first message (the variant's templates): they run in order unless they jump. */
export interface JourneyDefinition {
  steps: JourneyStep[];
}

export function journeyStepsSchema(templateSchema: z.ZodTypeAny) {
  const templates = z.record(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 tag like es-MX'), templateSchema);
  const step = z.discriminatedUnion('type', [
    z.object({ id: stepId, type: z.literal('send'), templates, discountPercent: z.number().min(0).max(90).optional(), next: stepId.optional() }).strict(),
    z.object({ id: stepId, type: z.literal('wait'), days, next: stepId.optional() }).strict(),
    z.object({ id: stepId, type: z.literal('branch'), on: z.enum(engagements), withinDays: days.optional(), then: stepId, else: stepId }).strict(),
    z.object({ id: stepId, type: z.literal('exit') }).strict(),
  ]);
  return z
    .object({ steps: z.array(step).min(1) })
    .strict()
    .superRefine((journey, ctx) => {
      const ids = new Set<string>();
      journey.steps.forEach((candidate, index) => {
        if (ids.has(candidate.id)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['steps', index, 'id'], message: `"${candidate.id}" is used twice` });
        ids.add(candidate.id);
      });
      journey.steps.forEach((candidate, index) => {
        const targets = Object.entries(candidate).filter(([key]) => key === 'next' || key === 'then' || key === 'else');
        for (const [key, target] of targets) {
          if (!ids.has(target as string)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['steps', index, key], message: `no step "${target}"` });
        }
      });
    });
}

/** Channels a campaign may use, in the order given; unset, every channel the policy allows. */
export const campaignChannelsSchema = z.array(z.enum(channels)).min(1);

/**
 * Campaign files may carry `journey` and `channels`; the stored definition keeps them. Read through these so
 * campaigns without them (and code that builds plain campaigns) need nothing new.
 */
export const journeyOf = (campaign: Campaign): JourneyDefinition | undefined => (campaign as Campaign & { journey?: JourneyDefinition }).journey;

export const allowedChannelsOf = (campaign: Campaign): readonly Channel[] | undefined => (campaign as Campaign & { channels?: Channel[] }).channels;
