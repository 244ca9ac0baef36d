import { deriveEventId, type ChurnScored } from '@syncengage/contracts';
import type { Campaign } from '../domain/campaigns';
import { startJourney } from '../domain/journey';
import { journeyOf } from '../domain/journey-definition';
import type { JourneyStore } from './journey-ports';
import type { CampaignCatalog } from './ports';

/** The id of the journey a first message starts: a redelivered score enrolls the same instance, not a second. */
export const journeyInstanceIdOf = (firstMessageId: string): string => deriveEventId(firstMessageId, 'journey');

/**
 * A campaign with a journey starts it with its first message: once the decision to send it is committed, the
 * customer is enrolled and the journey's first step is due at once. Reads the decision back from the ledger, so a
 * score redelivered after a crash between the two still enrolls.
 */
export class EnrollJourney {
  constructor(private readonly store: JourneyStore, private readonly catalog: CampaignCatalog) {}

  async execute(scored: ChurnScored, messageId: string, now: Date): Promise<boolean> {
    const sent = await this.store.sentDecision(messageId);
    if (!sent) return false;
    const campaign = await this.catalog.get(sent.campaignId, sent.campaignVersion);
    const journey = campaign && journeyOf(campaign);
    if (!journey) return false;
    return this.store.enroll(
      {
        instanceId: journeyInstanceIdOf(messageId),
        customerId: scored.customerId,
        campaignId: sent.campaignId,
        campaignVersion: sent.campaignVersion,
        segment: sent.segment,
        variant: sent.variant,
        state: startJourney(journey, messageId, now),
        customer: { profile: scored.profile, band: scored.band, rfm: scored.rfm },
        campaign,
      },
      now,
    );
  }

  /** A customer goes through a journey once: its campaign no longer decides for them (its welcome is not repeated). */
  async campaignsFor(customerId: string, campaigns: readonly Campaign[]): Promise<readonly Campaign[]> {
    if (!campaigns.some((campaign) => journeyOf(campaign))) return campaigns;
    const enrolled = new Set(await this.store.enrolledCampaignIds(customerId));
    return enrolled.size === 0 ? campaigns : campaigns.filter((campaign) => !enrolled.has(campaign.id));
  }
}
