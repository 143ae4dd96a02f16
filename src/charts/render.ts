/**
 * Headless rendering of Vega-Lite specs to SVG strings: Vega-Lite → Vega → `vega.View` with the
 * `none` renderer → `toSVG()`. No canvas package is needed; without one Vega estimates text widths
 * (≈ 0.8 × font size per character, an overestimate), which only adds some slack around labels.
 */
import * as vega from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { compile } from 'vega-lite';

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
  const view = new vega.View(vega.parse(compileToVega(spec)), { renderer: 'none', logLevel: vega.Error });
  try {
    vega.resetSVGDefIds();
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
