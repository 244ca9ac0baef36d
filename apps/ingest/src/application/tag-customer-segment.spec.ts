import { TagCustomerSegment, type SegmentTagWriter } from './tag-customer-segment';

class RecordingCrm implements SegmentTagWriter {
  readonly written: Array<[string, string]> = [];
  async writeSegmentTag(customerId: string, tag: string): Promise<void> {
    this.written.push([customerId, tag]);
  }
}

describe(TagCustomerSegment.name, () => {
  it('writes the segment as a prefixed tag', async () => {
    const crm = new RecordingCrm();
    expect(await new TagCustomerSegment(crm).execute(' 42 ', 'at-risk')).toEqual({ tagged: true, tag: 'syncengage:at-risk' });
    expect(crm.written).toEqual([['42', 'syncengage:at-risk']]);
  });

  it.each([
    ['', 'at-risk', 'customerId must not be empty'],
    ['42', ' ', 'segment must not be empty'],
    ['42', 'a,b', 'segment must not contain a comma (Shopify splits tags on commas)'],
    ['42', 'x'.repeat(245), 'segment must be at most 244 characters'],
  ])('refuses customer "%s" with segment "%s" without calling the CRM', async (customerId, segment, problem) => {
    const crm = new RecordingCrm();
    expect(await new TagCustomerSegment(crm).execute(customerId, segment)).toEqual({ tagged: false, problems: [problem] });
    expect(crm.written).toEqual([]);
  });
});
