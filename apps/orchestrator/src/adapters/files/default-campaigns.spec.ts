import { segments } from '@syncengage/contracts';
import { campaignForSegment } from '../../domain/campaigns';
import { DEFAULT_CAMPAIGNS } from './default-campaigns';

describe('DEFAULT_CAMPAIGNS', () => {
  it.each(segments)('has exactly one campaign for %s', (segment) => {
    expect(DEFAULT_CAMPAIGNS.filter((campaign) => campaign.segment === segment)).toHaveLength(1);
    expect(campaignForSegment(DEFAULT_CAMPAIGNS, segment)?.segment).toBe(segment);
  });

  it('offers discounts only to customers slipping away, never blanket discounts to VIPs or newcomers', () => {
    const discounted = DEFAULT_CAMPAIGNS.filter((campaign) => campaign.variants.some((variant) => variant.discountPercent > 0)).map((campaign) => campaign.segment);
    expect(discounted.sort()).toEqual(['At-Risk', 'Dormant']);
  });

  it('gives every variant a positive weight and an English, Spanish and French template', () => {
    for (const variant of DEFAULT_CAMPAIGNS.flatMap((campaign) => campaign.variants)) {
      expect(variant.weight).toBeGreaterThan(0);
      expect(Object.keys(variant.templates).sort()).toEqual(['en', 'es', 'fr']);
    }
  });

  it('finds no campaign for a segment nobody defined', () => {
    expect(campaignForSegment(DEFAULT_CAMPAIGNS.filter((campaign) => campaign.segment !== 'New'), 'New')).toBeUndefined();
  });
});
