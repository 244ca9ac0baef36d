/** A campaign file reuses a stored version number for a different definition. */
export class CampaignVersionConflict extends Error {
  readonly code = 'CAMPAIGN_VERSION_CONFLICT';
  readonly retryable = false;
  constructor(readonly campaignId: string, readonly version: number, source: string) {
    super(`${source}: ${campaignId} version ${version} is already stored with a different definition; give the change a new version`);
  }
}
