/** A CRM that can label a customer, so the store's own tools (Shopify Flow, email apps) can act on our segments. */
export interface SegmentTagWriter {
  writeSegmentTag(customerId: string, tag: string): Promise<void>;
}

export type SegmentTagOutcome = { tagged: true; tag: string } | { tagged: false; problems: string[] };

/** Shopify's limits: a tag is at most 255 characters and commas separate tags. */
const MAX_TAG_LENGTH = 255;

/** Writes `syncengage:<segment>` onto the customer; a bad segment name is refused before the CRM is called. */
export class TagCustomerSegment {
  constructor(private readonly crm: SegmentTagWriter) {}

  async execute(customerId: string, segment: string): Promise<SegmentTagOutcome> {
    const tag = `syncengage:${segment.trim()}`;
    const problems = [
      ...(customerId.trim() ? [] : ['customerId must not be empty']),
      ...(segment.trim() ? [] : ['segment must not be empty']),
      ...(segment.includes(',') ? ['segment must not contain a comma (Shopify splits tags on commas)'] : []),
      ...(tag.length > MAX_TAG_LENGTH ? [`segment must be at most ${MAX_TAG_LENGTH - 'syncengage:'.length} characters`] : []),
    ];
    if (problems.length) return { tagged: false, problems };
    await this.crm.writeSegmentTag(customerId.trim(), tag);
    return { tagged: true, tag };
  }
}
