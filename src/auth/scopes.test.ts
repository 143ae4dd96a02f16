import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { grants, requiredScope, SCOPES } from './scopes.js';
import { hashSecret, newSecret, SECRET_PATTERN, sameHash } from './secrets.js';

describe('grants', () => {
  it.each([
    [['read'], 'read', true],
    [['read'], 'write', false],
    [['write'], 'read', true],
    [['write'], 'catalog:write', false],
    [['catalog:write'], 'write', false],
    [['catalog:write'], 'catalog:write', true],
    [['write', 'catalog:write'], 'admin', false],
    [['admin'], 'catalog:write', true],
    [[], 'read', false],
  ] as const)('%j may call a %s route: %s', (held, needed, expected) => {
    expect(grants(held, needed)).toBe(expected);
  });

  it('admin grants every scope; any key reads; without admin, a write scope is granted only when held', () => {
    fc.assert(
      fc.property(fc.subarray([...SCOPES]), fc.constantFrom(...SCOPES), (held, needed) => {
        if (held.includes('admin')) expect(grants(held, needed)).toBe(true);
        else if (needed === 'read') expect(grants(held, needed)).toBe(held.length > 0);
        else expect(grants(held, needed)).toBe(held.includes(needed));
      }),
    );
  });
});

describe('requiredScope', () => {
  it('keeps a declared scope and closes undeclared writes', () => {
    expect(requiredScope('POST', 'read')).toBe('read');
    expect(requiredScope('GET', 'public')).toBe('public');
    expect(requiredScope('GET', undefined)).toBe('read');
    expect(requiredScope(['GET', 'HEAD'], undefined)).toBe('read');
    expect(requiredScope('DELETE', undefined)).toBe('admin');
    expect(requiredScope(['GET', 'POST'], undefined)).toBe('admin');
  });
});

describe('secrets', () => {
  it('are bk_ + 43 base64url characters, distinct, hashed to 64 hex digits', () => {
    const a = newSecret();
    const b = newSecret();
    expect(a).toMatch(SECRET_PATTERN);
    expect(a).not.toBe(b);
    expect(hashSecret(a)).toMatch(/^[0-9a-f]{64}$/);
    // SHA-256("abc"), FIPS 180-2 appendix B.1.
    expect(hashSecret('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('sameHash compares exactly, also across lengths', () => {
    const h = hashSecret('x');
    expect(sameHash(h, h)).toBe(true);
    expect(sameHash(h, hashSecret('y'))).toBe(false);
    expect(sameHash(h, h.slice(1))).toBe(false);
  });
});
