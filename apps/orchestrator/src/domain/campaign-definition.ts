import { segments } from '@syncengage/contracts';
import { IntlMessageFormat } from 'intl-messageformat';
import { z, type ZodIssue } from 'zod';
import type { Campaign } from './campaigns';
import { HOLDOUT } from './variant-assignment';
import { campaignChannelsSchema, journeyStepsSchema } from './journey-definition';

/** An ICU message that does not parse would only fail when the first customer is decided; fail on load instead. */
const icuMessage = z.string().min(1).superRefine((text, ctx) => {
  try {
    new IntlMessageFormat(text, 'en');
  } catch (error) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `not a valid ICU message: ${(error as Error).message}` });
  }
});

const templateSchema = z.object({ subject: icuMessage, text: icuMessage }).strict();

/** The seed's DiscountOptimizer{MinDiscount, MaxDiscount, LearningRate}: see discount-policy.ts and discount-bandit.ts. */
const discountOptimizerSchema = z
  .object({
    minPercent: z.number().min(0).max(90),
    maxPercent: z.number().min(0).max(90),
    learningRate: z.number().min(0).lt(1, 'must be below 1 (1 would forget everything at once)'),
    levels: z.array(z.number().min(0).max(90)).min(1).optional(),
    stepPercent: z.number().positive().optional(),
    rewardScaleCents: z.number().int().positive().optional(),
  })
  .strict()
  .superRefine((optimizer, ctx) => {
    if (optimizer.minPercent > optimizer.maxPercent) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['maxPercent'], message: `must be at least minPercent (${optimizer.minPercent})` });
    optimizer.levels?.forEach((level, index) => {
      if (level < optimizer.minPercent || level > optimizer.maxPercent) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['levels', index], message: `${level} is outside [${optimizer.minPercent}, ${optimizer.maxPercent}]` });
      }
    });
  });

const experimentSchema = z
  .object({
    attributionDays: z.number().int().min(1).max(365).optional(),
    ltvDays: z.number().int().min(1).max(730).optional(),
    alpha: z.number().gt(0).lt(0.5).optional(),
    mixtureSd: z.number().gt(0).max(1).optional(),
    minCustomersPerArm: z.number().int().min(1).optional(),
  })
  .strict();

const promotionSchema = z
  .object({ fromVersion: z.number().int().positive(), winner: z.string().min(1), reason: z.string().min(1), promotedAt: z.string().datetime({ offset: true }) })
  .strict();

const variantSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and - only (at most 64)').refine((name) => name !== HOLDOUT, `"${HOLDOUT}" is reserved for the control group`),
    weight: z.number().positive(),
    discountPercent: z.number().min(0).max(90),
    templates: z
      .record(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 tag like es-MX'), templateSchema)
      .refine((templates) => Object.keys(templates).length > 0, 'at least one locale is needed'),
    discountOptimizer: discountOptimizerSchema.optional(),
  })
  .strict();

/** What a campaign file (YAML or JSON) or the REST API may contain. */
export const campaignDefinitionSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and - only (at most 64)'),
    version: z.number().int().positive(),
    segment: z.enum(segments),
    description: z.string().max(500).optional(),
    enabled: z.boolean().default(true),
    priority: z.number().int().default(0),
    variants: z.array(variantSchema).min(1),
    /** Follow-ups after the first message: see journey-definition.ts. */
    journey: journeyStepsSchema(templateSchema).optional(),
    /** Restricts (never extends) the channels a decision may choose. */
    channels: campaignChannelsSchema.optional(),
    discountOptimizer: discountOptimizerSchema.optional(),
    autoPromote: z.boolean().optional(),
    experiment: experimentSchema.optional(),
    promotedFrom: promotionSchema.optional(),
  })
  .strict()
  .superRefine((campaign, ctx) => {
    const seen = new Set<string>();
    campaign.variants.forEach((variant, index) => {
      if (seen.has(variant.name)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['variants', index, 'name'], message: `"${variant.name}" is used twice` });
      seen.add(variant.name);
    });
  });

/** A definition that does not validate: names where it came from and every bad field. */
export class InvalidCampaignDefinition extends Error {
  readonly code = 'INVALID_CAMPAIGN_DEFINITION';
  readonly retryable = false;
  constructor(readonly source: string, readonly problems: string[]) {
    super(`${source} is not a valid campaign definition:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

/** Validates untrusted input (a parsed file, a request body) into a campaign; `source` names it in errors. */
export function parseCampaignDefinition(raw: unknown, source: string): Campaign {
  const result = campaignDefinitionSchema.safeParse(raw);
  if (!result.success) throw new InvalidCampaignDefinition(source, result.error.issues.map(describeIssue));
  return result.data;
}

function describeIssue(issue: ZodIssue): string {
  const field = issue.path.length > 0 ? issue.path.join('.') : '(root)';
  return `${field}: ${issue.message}`;
}
