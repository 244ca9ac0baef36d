import { parseApiKeys, roleAllows } from './api-keys';

describe('API keys', () => {
  it('reads key:role entries', () => {
    expect(parseApiKeys(['aaaaaaaaaaaaaaaa:viewer', 'bbbbbbbbbbbbbbbb:admin'])).toEqual({
      keys: [{ key: 'aaaaaaaaaaaaaaaa', role: 'viewer' }, { key: 'bbbbbbbbbbbbbbbb', role: 'admin' }],
      problems: [],
    });
  });

  it.each([
    ['aaaaaaaaaaaaaaaa:root', /<viewer\|operator\|admin>/],
    ['aaaaaaaaaaaaaaaa', /no role/],
    ['short:viewer', /at least 16 characters/],
  ])('rejects %s without echoing the key', (entry, message) => {
    const { keys, problems } = parseApiKeys([entry]);
    expect(keys).toEqual([]);
    expect(problems[0]).toMatch(message);
    expect(problems[0]).not.toContain('aaaaaaaaaaaaaaaa');
  });

  it.each([
    { held: 'viewer', required: 'viewer', allowed: true },
    { held: 'viewer', required: 'operator', allowed: false },
    { held: 'operator', required: 'viewer', allowed: true },
    { held: 'operator', required: 'admin', allowed: false },
    { held: 'admin', required: 'operator', allowed: true },
  ] as const)('$held may do what needs $required: $allowed', ({ held, required, allowed }) => {
    expect(roleAllows(held, required)).toBe(allowed);
  });
});
