/**
 * SVG inspection for the chart tests: parse the document with fast-xml-parser (entities decoded)
 * into a small element tree and query it by Vega's classes and ARIA attributes.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface SvgElement {
  tag: string;
  attrs: Record<string, string>;
  children: SvgElement[];
  /** Text directly inside this element (entities decoded). */
  text: string;
}

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, unknown> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
});

function convert(node: OrderedNode): SvgElement | null {
  const tag = Object.keys(node).find((k) => k !== ':@');
  if (tag === undefined || tag === '#text' || tag.startsWith('?')) return null;
  const rawChildren = (node[tag] as OrderedNode[] | undefined) ?? [];
  const attrs = Object.fromEntries(Object.entries(node[':@'] ?? {}).map(([k, v]) => [k, String(v)]));
  const text = rawChildren
    .filter((c) => '#text' in c)
    .map((c) => String(c['#text']))
    .join('');
  const children = rawChildren.map(convert).filter((c): c is SvgElement => c !== null);
  return { tag, attrs, children, text };
}

/** Validate (throws with the validator's message when invalid) and parse; returns the root element. */
export function parseSvg(svg: string): SvgElement {
  const valid = XMLValidator.validate(svg);
  if (valid !== true) throw new Error(`invalid XML: ${JSON.stringify(valid.err)}`);
  const roots = (parser.parse(svg) as OrderedNode[]).map(convert).filter((c): c is SvgElement => c !== null);
  if (roots.length !== 1 || roots[0] === undefined) throw new Error(`expected one root element, got ${roots.length}`);
  return roots[0];
}

export function findAll(root: SvgElement, predicate: (el: SvgElement) => boolean): SvgElement[] {
  const out: SvgElement[] = [];
  const visit = (el: SvgElement) => {
    if (predicate(el)) out.push(el);
    el.children.forEach(visit);
  };
  visit(root);
  return out;
}

export const hasClass = (el: SvgElement, cls: string): boolean => (el.attrs.class ?? '').split(/\s+/).includes(cls);

/** Mark items by `aria-roledescription` (Vega-Lite marks: `line mark`, `point`, `bar`, …). */
export const byRole = (root: SvgElement, roleDescription: string): SvgElement[] =>
  findAll(root, (el) => el.attrs['aria-roledescription'] === roleDescription && el.attrs.role === 'graphics-symbol');

/** Text of all `<text>` elements inside groups with class `cls` (e.g. `role-legend-label`), in document order. */
export function textsIn(root: SvgElement, cls: string): string[] {
  return findAll(root, (el) => el.tag === 'g' && hasClass(el, cls)).flatMap((g) => findAll(g, (el) => el.tag === 'text').map(textContent));
}

/** Text of an element and its descendants (multi-line text uses `<tspan>`s). */
export function textContent(el: SvgElement): string {
  return el.text + el.children.map(textContent).join('');
}

/** The axis group whose aria-label starts with `X-axis` / `Y-axis`. */
export function axis(root: SvgElement, which: 'X' | 'Y'): SvgElement {
  const found = findAll(
    root,
    (el) => el.attrs['aria-roledescription'] === 'axis' && (el.attrs['aria-label'] ?? '').startsWith(`${which}-axis`),
  );
  if (found.length !== 1 || found[0] === undefined) throw new Error(`expected one ${which} axis, found ${found.length}`);
  return found[0];
}

/** First point of a path's `d` (`M x,y…`), or of a `transform="translate(x,y)"`. */
export function startPoint(el: SvgElement): { x: number; y: number } {
  const m =
    /^M\s*(-?[\d.]+)[ ,](-?[\d.]+)/.exec(el.attrs.d ?? '') ?? /translate\((-?[\d.]+),\s*(-?[\d.]+)\)/.exec(el.attrs.transform ?? '');
  if (!m) throw new Error(`no start point in ${JSON.stringify(el.attrs)}`);
  return { x: Number(m[1]), y: Number(m[2]) };
}

const translateOf = (el: SvgElement): { x: number; y: number } => {
  const m = /^translate\((-?[\d.e+-]+)[ ,]\s*(-?[\d.e+-]+)\)/.exec(el.attrs.transform ?? '');
  return m ? { x: Number(m[1]), y: Number(m[2]) } : { x: 0, y: 0 };
};

/**
 * `<text>` elements inside groups with class `cls`, with their position in SVG pixels (the sum of
 * the leading `translate(…)` of the text and all its ancestors).
 */
export function positionedTexts(root: SvgElement, cls: string): { text: string; x: number; y: number }[] {
  const out: { text: string; x: number; y: number }[] = [];
  const visit = (el: SvgElement, x: number, y: number, inside: boolean) => {
    const t = translateOf(el);
    const [ax, ay] = [x + t.x, y + t.y];
    if (inside && el.tag === 'text') out.push({ text: textContent(el), x: ax, y: ay });
    for (const c of el.children) visit(c, ax, ay, inside || (el.tag === 'g' && hasClass(el, cls)));
  };
  visit(root, 0, 0, false);
  return out;
}

/** Loose view of a Vega-Lite encoding channel, for inspecting specs in tests. */
export interface SpecChannel {
  field?: string;
  title?: unknown;
  sort?: unknown;
  axis?: { format?: string; labelExpr?: string };
  scale?: { domain?: unknown; range?: unknown };
}

/** Loose view of a Vega-Lite (layer) spec, for inspecting specs in tests. */
export interface SpecLayer {
  mark: { type: string; interpolate?: string };
  data?: { values: Record<string, unknown>[] };
  layer?: SpecLayer[];
  encoding?: Record<string, SpecChannel | undefined>;
}

/** The element at `index`, or a thrown error (instead of a non-null assertion). */
export function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`no item at ${index}`);
  return item;
}
