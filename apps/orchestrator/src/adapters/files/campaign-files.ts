import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { InvalidCampaignDefinition, parseCampaignDefinition } from '../../domain/campaign-definition';
import type { Campaign } from '../../domain/campaigns';

export interface CampaignFile {
  /** The file name, as errors and the catalog's `source` column show it. */
  file: string;
  campaign: Campaign;
}

const CAMPAIGN_FILE = /\.(ya?ml|json)$/i;

/** The campaigns shipped with the orchestrator: apps/orchestrator/campaigns, from src/ (tests) and dist/ alike. */
export const DEFAULT_CAMPAIGNS_DIR = resolve(__dirname, '../../../campaigns');

/**
 * Reads every .yaml, .yml and .json file of a folder. Fails on the first bad file, naming it and every bad
 * field, and on two files defining the same campaign version; read at start-up, so a typo stops the service
 * instead of a campaign.
 */
export function loadCampaignDirectory(directory: string): CampaignFile[] {
  let names: string[];
  try {
    names = readdirSync(directory).filter((name) => CAMPAIGN_FILE.test(name)).sort();
  } catch (error) {
    throw new InvalidCampaignDefinition(directory, [`cannot read the campaign folder: ${(error as Error).message}`]);
  }
  const files = names.map((name) => loadCampaignFile(join(directory, name)));
  const byKey = new Map<string, string>();
  for (const { file, campaign } of files) {
    const key = `${campaign.id}@${campaign.version}`;
    const other = byKey.get(key);
    if (other) throw new InvalidCampaignDefinition(file, [`id/version: ${key} is also defined in ${other}`]);
    byKey.set(key, file);
  }
  return files;
}

export function loadCampaignFile(path: string): CampaignFile {
  const file = basename(path);
  const text = readFileSync(path, 'utf8');
  let raw: unknown;
  try {
    raw = /\.json$/i.test(path) ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new InvalidCampaignDefinition(file, [`(syntax): ${(error as Error).message.split('\n')[0]}`]);
  }
  return { file, campaign: parseCampaignDefinition(raw, file) };
}
