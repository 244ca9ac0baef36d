import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidCampaignDefinition } from '../../domain/campaign-definition';
import { DEFAULT_CAMPAIGNS_DIR, loadCampaignDirectory } from './campaign-files';

const json = (id: string, version = 1) =>
  JSON.stringify({ id, version, segment: 'New', variants: [{ name: 'A', weight: 1, discountPercent: 0, templates: { en: { subject: 's', text: 'Hi {name}' } } }] });

describe(loadCampaignDirectory.name, () => {
  let directory: string;
  beforeEach(() => (directory = mkdtempSync(join(tmpdir(), 'campaigns-'))));
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  const errorOf = (): InvalidCampaignDefinition => {
    try {
      loadCampaignDirectory(directory);
    } catch (error) {
      if (error instanceof InvalidCampaignDefinition) return error;
      throw error;
    }
    throw new Error('expected the folder to be rejected');
  };

  it('reads the shipped files: one campaign per segment, each at version 1', () => {
    const files = loadCampaignDirectory(DEFAULT_CAMPAIGNS_DIR);
    expect(files.map((file) => `${file.file} ${file.campaign.id}@${file.campaign.version} ${file.campaign.segment}`)).toEqual([
      'at-risk-win-back.yaml at-risk-win-back@1 At-Risk',
      'dormant-reactivation.yaml dormant-reactivation@2 Dormant',
      'new-onboarding.yaml new-onboarding@2 New',
      'vip-early-access.yaml vip-early-access@1 VIP',
    ]);
  });

  it('reads JSON beside YAML and ignores other files', () => {
    writeFileSync(join(directory, 'welcome.json'), json('welcome'));
    writeFileSync(join(directory, 'README.md'), '# not a campaign');
    expect(loadCampaignDirectory(directory).map((file) => file.campaign.id)).toEqual(['welcome']);
  });

  it('names the file and the field of a bad definition', () => {
    writeFileSync(join(directory, 'spring.yaml'), 'id: spring\nversion: 1\nsegment: Whales\nvariants: []\n');
    const error = errorOf();
    expect(error.source).toBe('spring.yaml');
    expect(error.problems).toEqual([expect.stringMatching(/^segment: /), 'variants: Array must contain at least 1 element(s)']);
  });

  it('names the file of a YAML syntax error', () => {
    writeFileSync(join(directory, 'broken.yml'), 'id: [unclosed\n');
    expect(errorOf()).toMatchObject({ source: 'broken.yml', problems: [expect.stringMatching(/^\(syntax\): /)] });
  });

  it('refuses two files that define the same campaign version', () => {
    writeFileSync(join(directory, 'a.json'), json('welcome'));
    writeFileSync(join(directory, 'b.json'), json('welcome'));
    expect(errorOf()).toMatchObject({ source: 'b.json', problems: ['id/version: welcome@1 is also defined in a.json'] });
  });

  it('says when the folder cannot be read', () => {
    expect(() => loadCampaignDirectory(join(directory, 'missing'))).toThrow(/cannot read the campaign folder/);
  });
});
