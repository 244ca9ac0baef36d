import { advance, unseen } from './hubspot-cursor';

const at = (id: string, modifiedAtMs: number) => ({ id, modifiedAtMs });

describe('the HubSpot incremental cursor', () => {
  it('moves the watermark to the last timestamp read and remembers who was published at it', () => {
    expect(advance({ since: 10, ids: ['a'] }, [at('b', 10), at('c', 20), at('d', 20)], 'page-2')).toEqual({ since: 20, ids: ['c', 'd'] });
  });

  it('keeps the ids of earlier pages while a tie at the watermark runs on, and pages through the tie by offset', () => {
    expect(advance({ since: 10, ids: ['a'] }, [at('a', 10), at('b', 10)], '200')).toEqual({ since: 10, ids: ['a', 'b'], after: '200' });
  });

  it('drops the offset once the watermark moves, so the offset never grows past one page', () => {
    expect(advance({ since: 10, ids: ['a'], after: '200' }, [at('b', 10), at('c', 11)], '400')).toEqual({ since: 11, ids: ['c'] });
  });

  it('stays where it was on an empty page', () => {
    expect(advance({ since: 10, ids: ['a'] }, [], undefined)).toEqual({ since: 10, ids: ['a'] });
    expect(advance({}, [], undefined)).toEqual({ since: undefined, ids: [] });
  });

  it('leaves out only contacts already published at exactly the watermark', () => {
    expect(unseen({ since: 10, ids: ['a'] }, [at('a', 10), at('b', 10), at('a', 11)]).map(({ id, modifiedAtMs }) => `${id}@${modifiedAtMs}`)).toEqual(['b@10', 'a@11']);
  });
});
