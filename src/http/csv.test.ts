import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../test/helpers/comparison.js';
import { csvLines, neutraliseCell } from './csv.js';

describe('CSV formula injection (OWASP): text cells never start a formula', () => {
  it.each([
    ['=HYPERLINK("http://evil","x")', `'=HYPERLINK("http://evil","x")`],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', "'\rcmd"],
    ['plain label', 'plain label'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(neutraliseCell(input)).toBe(expected);
  });

  it('numbers (negative ones included) and booleans stay values', () => {
    expect(csvLines([[-5, 1.5, true, null, '=1']])).toBe(`-5,1.5,true,,'=1\n`);
  });

  it('no parsed text cell starts with = + - @ tab or CR, and other text round-trips unchanged', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 5 }), (cells) => {
        const [row] = parseCsv(csvLines([cells]));
        expect(row).toHaveLength(cells.length);
        row?.forEach((cell, i) => {
          expect(cell).not.toMatch(/^[=+\-@\t\r]/);
          const original = cells[i] as string;
          expect(cell).toBe(/^[=+\-@\t\r]/.test(original) ? `'${original}` : original);
        });
      }),
    );
  });
});
