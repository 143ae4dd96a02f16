/**
 * Text width without a canvas. Vega's own fallback is 0.8 × font size per character, roughly 50 %
 * too wide for sans-serif text: long legend labels get truncated early and layouts get loose. This
 * uses Helvetica's advance widths (Arial and Liberation Sans are metric-compatible) plus a small
 * margin for wider fallback fonts such as DejaVu Sans.
 */

// Advance widths in 1/1000 em for ASCII 32 (space) … 126 (~), from the Helvetica AFM files.
// biome-ignore format: a table
const REGULAR = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
  556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
// biome-ignore format: a table
const BOLD = [
  278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
  975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
  333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
  611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
];

/** A few non-ASCII characters the charts are likely to show. */
const OTHER: Record<string, number> = {
  '—': 1000,
  '–': 556,
  '…': 1000,
  '·': 278,
  '×': 584,
  '≈': 584,
  '−': 584,
  '€': 556,
  '£': 556,
  '°': 400,
  µ: 556,
  ' ': 278,
};

/** Headroom for fonts wider than Helvetica. */
const MARGIN = 1.08;

function charWidth(ch: string, bold: boolean): number {
  const code = ch.codePointAt(0) ?? 0;
  if (code >= 32 && code <= 126) return (bold ? BOLD : REGULAR)[code - 32] ?? 556;
  const known = OTHER[ch];
  if (known !== undefined) return bold ? known * 1.05 : known;
  // East Asian scripts and symbols are about one em; anything else, a typical wide-ish glyph.
  return code >= 0x2e80 ? 1000 : 600;
}

/** Estimated rendered width of `text` in px. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let units = 0;
  for (const ch of text) units += charWidth(ch, bold);
  return (units / 1000) * fontSize * MARGIN;
}

function isBold(weight: unknown): boolean {
  if (typeof weight === 'number') return weight >= 600;
  return weight === 'bold' || weight === 'bolder' || (typeof weight === 'string' && Number(weight) >= 600);
}

/**
 * Drop-in for Vega's `textMetrics.width(item, text)` (the documented hook for custom measurement).
 * Truncation (`limit`) is applied by Vega itself, which calls back into this for each candidate.
 */
export function vegaTextWidth(item: { fontSize?: unknown; fontWeight?: unknown }, text: unknown): number {
  const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
  const value = text == null ? '' : String(text).trim();
  return textWidth(value, size, isBold(item.fontWeight));
}
