import { parseCampaignDefinition } from './campaign-definition';
import { allowedChannelsOf, journeyOf } from './journey-definition';

const base = {
  id: 'onboarding',
  version: 1,
  segment: 'New',
  variants: [{ name: 'A', weight: 1, discountPercent: 0, templates: { en: { subject: 'Hi', text: 'Hello {name}' } } }],
};
const send = { id: 'tips', type: 'send', templates: { en: { subject: 'Tips', text: 'Tips for {name}' } } };

describe('journeys and channels in a campaign definition', () => {
  it('keeps a valid journey and channel list', () => {
    const campaign = parseCampaignDefinition({ ...base, channels: ['email', 'push'], journey: { steps: [{ id: 'wait', type: 'wait', days: 3 }, send] } }, 'test');
    expect(journeyOf(campaign)?.steps.map((step) => step.id)).toEqual(['wait', 'tips']);
    expect(allowedChannelsOf(campaign)).toEqual(['email', 'push']);
  });

  it('has neither when the file says nothing of them', () => {
    const campaign = parseCampaignDefinition(base, 'test');
    expect(journeyOf(campaign)).toBeUndefined();
    expect(allowedChannelsOf(campaign)).toBeUndefined();
  });

  it.each([
    [{ steps: [send, send] }, 'journey.steps.1.id: "tips" is used twice'],
    [{ steps: [{ id: 'b', type: 'branch', on: 'opened', then: 'nowhere', else: 'b' }] }, 'journey.steps.0.then: no step "nowhere"'],
    [{ steps: [{ id: 'w', type: 'wait', days: 0 }] }, 'journey.steps.0.days'],
    [{ steps: [{ id: 's', type: 'send', templates: { en: { subject: 'x', text: '{broken' } } }] }, 'journey.steps.0.templates.en.text: not a valid ICU message'],
    [{ steps: [{ id: 'b', type: 'branch', on: 'purchased', then: 'b', else: 'b' }] }, 'journey.steps.0.on'],
  ])('rejects %j naming the field', (journey, problem) => {
    expect(() => parseCampaignDefinition({ ...base, journey }, 'bad.yaml')).toThrow(problem);
  });

  it('rejects an unknown channel', () => {
    expect(() => parseCampaignDefinition({ ...base, channels: ['fax'] }, 'bad.yaml')).toThrow('channels.0');
  });
});
