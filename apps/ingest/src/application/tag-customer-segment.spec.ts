import { MoveSegmentTag, TagCustomerSegment, type SegmentTagStore, type SegmentTagWriter } from './tag-customer-segment';

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

/** A customer's tags as the CRM holds them, and every write, for asserting what was (not) sent. */
class TagsCrm implements SegmentTagStore {
  readonly writes: string[] = [];
  constructor(private readonly tags: Map<string, string[]>) {}
  async tagsOf(customerId: string): Promise<string[] | undefined> {
    return this.tags.get(customerId);
  }
  async writeSegmentTag(customerId: string, tag: string): Promise<void> {
    this.writes.push(`add ${tag}`);
    this.tags.set(customerId, [...this.tags.get(customerId)!, tag]);
  }
  async removeTags(customerId: string, tags: string[]): Promise<void> {
    this.writes.push(`remove ${tags.join('|')}`);
    this.tags.set(customerId, this.tags.get(customerId)!.filter((tag) => !tags.includes(tag)));
  }
}

describe(MoveSegmentTag.name, () => {
  const crmWith = (tags: string[]) => new TagsCrm(new Map([['42', tags]]));

  it('puts the new segment tag on before taking the other syncengage: tags off, keeping the rest', async () => {
    const crm = crmWith(['vip', 'syncengage:New', 'syncengage:Dormant']);
    expect(await new MoveSegmentTag(crm).execute('42', 'At-Risk')).toEqual({
      status: 'moved', added: 'syncengage:At-Risk', removed: ['syncengage:New', 'syncengage:Dormant'],
    });
    expect(crm.writes).toEqual(['add syncengage:At-Risk', 'remove syncengage:New|syncengage:Dormant']);
    expect(await crm.tagsOf('42')).toEqual(['vip', 'syncengage:At-Risk']);
  });

  it('writes nothing when the customer already carries exactly that tag, in any case', async () => {
    const crm = crmWith(['vip', 'SyncEngage:at-risk']);
    expect(await new MoveSegmentTag(crm).execute('42', 'At-Risk')).toEqual({ status: 'unchanged' });
    expect(crm.writes).toEqual([]);
  });

  it('only takes the leftover tag off when the new one is already there (a retry after a half-done move)', async () => {
    const crm = crmWith(['syncengage:VIP', 'syncengage:At-Risk']);
    expect(await new MoveSegmentTag(crm).execute('42', 'At-Risk')).toEqual({ status: 'moved', added: undefined, removed: ['syncengage:VIP'] });
    expect(crm.writes).toEqual(['remove syncengage:VIP']);
  });

  it('takes every segment tag off when the customer leaves all segments', async () => {
    const crm = crmWith(['vip', 'syncengage:VIP']);
    expect(await new MoveSegmentTag(crm).execute('42', null)).toEqual({ status: 'moved', added: undefined, removed: ['syncengage:VIP'] });
    expect(await crm.tagsOf('42')).toEqual(['vip']);
  });

  it('skips a customer the CRM does not have', async () => {
    const crm = crmWith([]);
    expect(await new MoveSegmentTag(crm).execute('cust-7', 'VIP')).toEqual({ status: 'unknown-customer' });
    expect(crm.writes).toEqual([]);
  });

  it('refuses a bad segment before asking the CRM anything', async () => {
    const crm = crmWith(['syncengage:VIP']);
    expect(await new MoveSegmentTag(crm).execute('42', 'a,b')).toEqual({ status: 'refused', problems: ['segment must not contain a comma (Shopify splits tags on commas)'] });
    expect(crm.writes).toEqual([]);
  });
});
