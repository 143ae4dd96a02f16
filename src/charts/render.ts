/**
 * Headless rendering of Vega-Lite specs to SVG strings: Vega-Lite → Vega → `vega.View` with the
 * `none` renderer → `toSVG()`. No canvas package is needed: text widths (legend layout, label
 * truncation, axis title offsets) come from font metrics tables, see ./text-metrics.ts.
 */
import * as vega from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { compile } from 'vega-lite';
import { vegaTextWidth } from './text-metrics.js';

/** One entry of a layered Vega-Lite spec's `layer` array. */
export type LayerItem = Extract<TopLevelSpec, { layer: unknown }>['layer'][number];

/** Vega-Lite's logger interface, minus the getters we do not need. */
interface CollectingLogger {
  level(): number;
  level(_: number): CollectingLogger;
  info(...args: readonly unknown[]): CollectingLogger;
  warn(...args: readonly unknown[]): CollectingLogger;
  debug(...args: readonly unknown[]): CollectingLogger;
  error(...args: readonly unknown[]): CollectingLogger;
}

/** Vega-Lite compiler warnings are not the caller's business: swallow them (errors still throw). */
function silentLogger(): CollectingLogger {
  let level = 0;
  const logger: CollectingLogger = {
    level: ((value?: number) => {
      if (value === undefined) return level;
      level = value;
      return logger;
    }) as CollectingLogger['level'],
    info: () => logger,
    warn: () => logger,
    debug: () => logger,
    error: (...args) => {
      throw new Error(args.map(String).join(' '));
    },
  };
  return logger;
}

/** `vega.textMetrics` is exported at runtime but missing from vega-typings. */
interface TextMetrics {
  width: (item: { fontSize?: unknown; fontWeight?: unknown }, text: unknown) => number;
}

/**
 * Use Helvetica metrics instead of Vega's 0.8 em-per-character fallback. Process-wide (Vega keeps
 * one `textMetrics`), idempotent, and the hook Vega documents for this (vl-convert does the same).
 */
function useFontMetrics(): void {
  // `textMetrics` is documented but missing from vega's type declarations: read it untyped.
  const metrics: Partial<TextMetrics> | undefined = Reflect.get(vega, 'textMetrics');
  if (metrics && metrics.width !== vegaTextWidth) metrics.width = vegaTextWidth;
}

/** Compile a Vega-Lite spec to a Vega spec (pure; no rendering). */
export function compileToVega(spec: TopLevelSpec): vega.Spec {
  return compile(spec, { logger: silentLogger() }).spec as vega.Spec;
}

/**
 * Render a Vega-Lite spec to a standalone SVG document string (`<svg xmlns=…>…</svg>`).
 * Deterministic: the same spec gives byte-identical output (SVG clip/gradient id counters are
 * reset before each render).
 */
export async function renderVegaLiteToSvg(spec: TopLevelSpec): Promise<string> {
  useFontMetrics();
  const view = new vega.View(vega.parse(compileToVega(spec)), { renderer: 'none', logLevel: vega.Error });
  try {
    vega.resetSVGDefIds();
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
