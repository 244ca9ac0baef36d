import type { Campaign } from '../../domain/campaigns';
import { DEFAULT_CAMPAIGNS_DIR, loadCampaignDirectory } from './campaign-files';

/** The shipped campaign files, parsed once: the seed's per-segment logic (tests and the catalog's first seed). */
export const DEFAULT_CAMPAIGNS: readonly Campaign[] = loadCampaignDirectory(DEFAULT_CAMPAIGNS_DIR).map((file) => file.campaign);
