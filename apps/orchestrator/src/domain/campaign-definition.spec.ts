import { InvalidCampaignDefinition, parseCampaignDefinition } from './campaign-definition';

const valid = {
  id: 'spring-win-back',
  version: 3,
  segment: 'At-Risk',
  variants: [{ name: 'VariantA', weight: 1, discountPercent: 10, templates: { en: { subject: 'Hi', text: 'Hi {name}, {percent, number, ::percent} off: {code}' } } }],
};

function problemsOf(raw: unknown): string[] {
  try {
    parseCampaignDefinition(raw, 'spring.yaml');
  } catch (error) {
    if (error instanceof InvalidCampaignDefinition) return error.problems;
    throw error;
  }
  throw new Error('expected the definition to be rejected');
}

const withVariant = (change: Record<string, unknown>) => ({ ...valid, variants: [{ ...valid.variants[0], ...change }] });

describe(parseCampaignDefinition.name, () => {
  it('accepts a definition and fills in enabled and priority', () => {
    expect(parseCampaignDefinition(valid, 'spring.yaml')).toMatchObject({ id: 'spring-win-back', version: 3, enabled: true, priority: 0 });
  });

  it.each([
    ['an unknown segment', { ...valid, segment: 'Whales' }, /^segment: Invalid enum value/],
    ['a version of 0', { ...valid, version: 0 }, /^version: Number must be greater than 0/],
    ['a discount above 90 %', withVariant({ discountPercent: 95 }), /^variants\.0\.discountPercent: Number must be less than or equal to 90/],
    ['a variant called holdout', withVariant({ name: 'holdout' }), /^variants\.0\.name: "holdout" is reserved/],
    ['a template that is not ICU', withVariant({ templates: { en: { subject: 'x', text: 'Hi {name' } } }), /^variants\.0\.templates\.en\.text: not a valid ICU message/],
    ['no template at all', withVariant({ templates: {} }), /^variants\.0\.templates: at least one locale/],
    ['a misspelt field', { ...valid, varients: [] }, /^\(root\): Unrecognized key\(s\) in object: 'varients'/],
  ])('refuses %s and names the field', (_, raw, problem) => {
    expect(problemsOf(raw)).toEqual([expect.stringMatching(problem)]);
  });

  it('refuses two variants with one name', () => {
    expect(problemsOf({ ...valid, variants: [valid.variants[0], valid.variants[0]] })).toEqual(['variants.1.name: "VariantA" is used twice']);
  });

  it('names the source in its message', () => {
    expect(() => parseCampaignDefinition({ ...valid, segment: 'Whales' }, 'spring.yaml')).toThrow(/^spring\.yaml is not a valid campaign definition:\n  - segment:/);
  });
});
