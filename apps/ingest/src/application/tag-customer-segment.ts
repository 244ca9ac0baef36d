/** A CRM that can label a customer, so the store's own tools (Shopify Flow, email apps) can act on our segments. */
export interface SegmentTagWriter {
  writeSegmentTag(customerId: string, tag: string): Promise<void>;
}

/** A CRM whose customers' tags can also be read and taken off, so that each customer carries one segment tag. */
export interface SegmentTagStore extends SegmentTagWriter {
  /** The customer's tags; undefined when the CRM has no such customer (it came from another source). */
  tagsOf(customerId: string): Promise<string[] | undefined>;
  removeTags(customerId: string, tags: string[]): Promise<void>;
}

export type SegmentTagOutcome = { tagged: true; tag: string } | { tagged: false; problems: string[] };

export type SegmentMoveOutcome =
  | { status: 'moved'; added?: string; removed: string[] }
  | { status: 'unchanged' }
  | { status: 'unknown-customer' }
  | { status: 'refused'; problems: string[] };

/** Every tag we write starts with it; tags with it are ours to take off again. */
export const SEGMENT_TAG_PREFIX = 'syncengage:';

/** Shopify's limits: a tag is at most 255 characters and commas separate tags. */
const MAX_TAG_LENGTH = 255;

/** Writes `syncengage:<segment>` onto the customer; a bad segment name is refused before the CRM is called. */
export class TagCustomerSegment {
  constructor(private readonly crm: SegmentTagWriter) {}

  async execute(customerId: string, segment: string): Promise<SegmentTagOutcome> {
    const outcome = segmentTagOf(customerId, segment);
    if (outcome.tagged) await this.crm.writeSegmentTag(customerId.trim(), outcome.tag);
    return outcome;
  }
}

/**
 * Moves the customer's segment tag to `segment` (null: in no segment, so no tag) and takes every other
 * `syncengage:` tag off. It compares with the tags the CRM holds now, so a redelivered change writes nothing.
 * The new tag goes on before the old ones come off: a failure in between leaves one tag too many, which the
 * retry takes off, rather than a customer with none.
 */
export class MoveSegmentTag {
  private readonly tagger: TagCustomerSegment;

  constructor(private readonly crm: SegmentTagStore) {
    this.tagger = new TagCustomerSegment(crm);
  }

  async execute(customerId: string, segment: string | null): Promise<SegmentMoveOutcome> {
    const wanted = segment === null ? undefined : segmentTagOf(customerId, segment);
    if (wanted && !wanted.tagged) return { status: 'refused', problems: wanted.problems };
    const tags = await this.crm.tagsOf(customerId.trim());
    if (!tags) return { status: 'unknown-customer' };
    const ours = tags.filter((tag) => tag.toLowerCase().startsWith(SEGMENT_TAG_PREFIX));
    const stale = ours.filter((tag) => !wanted || !sameTag(tag, wanted.tag));
    const missing = wanted !== undefined && !ours.some((tag) => sameTag(tag, wanted.tag));
    if (!missing && stale.length === 0) return { status: 'unchanged' };
    if (missing) await this.tagger.execute(customerId, segment!);
    if (stale.length) await this.crm.removeTags(customerId.trim(), stale);
    return { status: 'moved', added: missing ? wanted.tag : undefined, removed: stale };
  }
}

/** The tag for a segment, or why there can be none. */
export function segmentTagOf(customerId: string, segment: string): SegmentTagOutcome {
  const tag = `${SEGMENT_TAG_PREFIX}${segment.trim()}`;
  const problems = [
    ...(customerId.trim() ? [] : ['customerId must not be empty']),
    ...(segment.trim() ? [] : ['segment must not be empty']),
    ...(segment.includes(',') ? ['segment must not contain a comma (Shopify splits tags on commas)'] : []),
    ...(tag.length > MAX_TAG_LENGTH ? [`segment must be at most ${MAX_TAG_LENGTH - SEGMENT_TAG_PREFIX.length} characters`] : []),
  ];
  return problems.length ? { tagged: false, problems } : { tagged: true, tag };
}

/** Shopify matches tags without regard to case, so a segment tag a person retyped in other case is still that tag. */
const sameTag = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();
