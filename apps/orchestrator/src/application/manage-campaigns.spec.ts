import { InMemoryCampaignCatalog } from '../../test/support/in-memory-campaign-catalog';
import { DEFAULT_CAMPAIGNS } from '../adapters/files/default-campaigns';
import { CampaignVersionConflict } from '../domain/campaign-errors';
import { InvalidCampaignDefinition } from '../domain/campaign-definition';
import { ManageCampaigns } from './manage-campaigns';

const winBack = DEFAULT_CAMPAIGNS.find((campaign) => campaign.id === 'at-risk-win-back')!;

describe('ManageCampaigns', () => {
  it('seeds the shipped files once, and again changes nothing', async () => {
    const campaigns = new ManageCampaigns(new InMemoryCampaignCatalog());
    const files = DEFAULT_CAMPAIGNS.map((campaign) => ({ file: `${campaign.id}.yaml`, campaign }));
    expect((await campaigns.seed(files)).added).toHaveLength(4);
    expect(await campaigns.seed(files)).toEqual({ added: [], unchanged: expect.arrayContaining(['at-risk-win-back@1']) });
  });

  it('refuses a file that changes a stored version instead of adding one', async () => {
    const campaigns = new ManageCampaigns(new InMemoryCampaignCatalog([winBack]));
    const changed = { ...winBack, description: 'edited in place' };
    await expect(campaigns.seed([{ file: 'at-risk-win-back.yaml', campaign: changed }])).rejects.toThrow(CampaignVersionConflict);
  });

  it('stores an edit as the next version, which decisions then use, and keeps the old one readable', async () => {
    const campaigns = new ManageCampaigns(new InMemoryCampaignCatalog([winBack]));
    const { id: _id, version: _version, ...body } = winBack;
    const created = await campaigns.createVersion('at-risk-win-back', { ...body, version: 99, variants: [winBack.variants[1]] });
    expect(created.version).toBe(2);
    expect((await campaigns.latest()).find((campaign) => campaign.id === 'at-risk-win-back')?.variants).toHaveLength(1);
    expect((await campaigns.get('at-risk-win-back', 1))?.variants).toHaveLength(2);
  });

  it.each([
    ['a body whose id is not the path’s', { ...winBack, id: 'other' }, 'id: "other" does not match "at-risk-win-back" in the path'],
    ['a body that is not an object', 'yes please', '(root): must be a JSON object'],
  ])('refuses %s', async (_, body, problem) => {
    const campaigns = new ManageCampaigns(new InMemoryCampaignCatalog([winBack]));
    const error = await campaigns.createVersion('at-risk-win-back', body).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidCampaignDefinition);
    expect((error as InvalidCampaignDefinition).problems).toContainEqual(problem);
  });
});
