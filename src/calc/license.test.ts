import { describe, expect, it } from 'vitest';
import { isPermissiveLicense } from './license.js';

describe('isPermissiveLicense', () => {
  it.each([
    ['Apache-2.0', true],
    ['MIT', true],
    ['mit', true],
    ['BSD-3-Clause', true],
    ['custom', false],
    ['Llama 3.1 Community License', false],
    ['CC-BY-NC-4.0', false],
    ['', false],
  ])('%s → %s', (license, expected) => {
    expect(isPermissiveLicense(license)).toBe(expected);
  });
});
