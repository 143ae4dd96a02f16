import { describe, expect, it } from 'vitest';
import { NotAcceptableError } from '../errors.js';
import { negotiate } from './negotiate.js';

const OFFERED = ['application/json', 'text/csv'] as const;
const pick = (accept: string | undefined) => negotiate(accept, OFFERED);

describe('negotiate (RFC 9110 §12.5.1)', () => {
  it('gives the first offered type when there is no Accept header or it allows anything', () => {
    expect(pick(undefined)).toBe('application/json');
    expect(pick('')).toBe('application/json');
    expect(pick('*/*')).toBe('application/json');
    expect(negotiate('*/*', ['text/csv', 'application/json'])).toBe('text/csv');
  });

  it('gives the type named, matching case-insensitively and ignoring parameters', () => {
    expect(pick('text/csv')).toBe('text/csv');
    expect(pick('TEXT/CSV')).toBe('text/csv');
    expect(pick('text/csv; charset=utf-8')).toBe('text/csv');
    expect(pick('application/json')).toBe('application/json');
    expect(() => pick('text/csv; charset=iso-8859-1')).toThrow(NotAcceptableError);
  });

  it('q=0 excludes a type even when a wildcard allows everything: the most specific range decides', () => {
    expect(pick('application/json;q=0, */*')).toBe('text/csv');
    expect(pick('text/csv;q=0, */*')).toBe('application/json');
    expect(pick('*/*, application/json;q=0')).toBe('text/csv');
    expect(pick('text/*;q=0, text/csv')).toBe('text/csv');
    expect(pick('text/*;q=0, */*')).toBe('application/json');
  });

  it('matches wildcards by major type', () => {
    expect(pick('text/*')).toBe('text/csv');
    expect(pick('application/*')).toBe('application/json');
    expect(pick('image/*, text/*;q=0.1')).toBe('text/csv');
  });

  it('prefers the higher q, then the more specific range, then the order the client listed', () => {
    expect(pick('application/json;q=0.4, text/csv;q=0.5')).toBe('text/csv');
    expect(pick('text/csv;q=0.3, */*;q=0.9')).toBe('application/json');
    // Equal q: the exact range outranks the wildcard.
    expect(pick('*/*;q=0.8, text/csv;q=0.8')).toBe('text/csv');
    // Equal q and specificity: the client's order.
    expect(pick('text/csv, application/json')).toBe('text/csv');
    expect(pick('application/json;q=0.5, text/csv;q=0.5')).toBe('application/json');
  });

  it('throws NotAcceptableError (406) when nothing offered is acceptable', () => {
    for (const accept of ['text/csv;q=0', 'image/png', '*/*;q=0', 'application/json;q=0, text/csv;q=0, image/*']) {
      expect(() => pick(accept), accept).toThrow(NotAcceptableError);
    }
    expect(() => pick('image/png')).toThrow('This operation answers application/json or text/csv');
  });
});
