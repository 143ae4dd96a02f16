import { createHash } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

/**
 * Draws charts one at a time (`concurrency` at a time) and remembers the last `maxEntries` SVGs.
 * Computing a chart's data and rendering it with Vega are mostly synchronous: 40 chart requests
 * arriving together would run back to back on the event loop and hold every other request
 * (/health included) until all are done. Here each chart job waits in a queue and starts on a fresh
 * event-loop turn, so other requests are served between two jobs. The cache key is the chart's
 * whole input (hashed), so an SVG is reused exactly as long as the scenario version, the profiles
 * it uses and the query give the same input; the data is still computed, the Vega render is not.
 */
export class ChartRenderPool {
  private readonly cache = new Map<string, string>();
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  /** Vega renders done (cache misses). */
  renders = 0;

  constructor(
    readonly concurrency = 1,
    readonly maxEntries = 200,
  ) {}

  /**
   * In the queue: `compute()` the chart's input, then the cached SVG of the same kind and input,
   * or `draw(input)` (cached).
   */
  chart<T>(kind: string, compute: () => Promise<T>, draw: (input: T) => Promise<string>): Promise<string> {
    return this.queued(async () => {
      const input = await compute();
      const key = `${kind}:${createHash('sha256').update(JSON.stringify(input)).digest('base64url')}`;
      const hit = this.cache.get(key);
      if (hit !== undefined) {
        // Most recently used last: a Map keeps insertion order.
        this.cache.delete(key);
        this.cache.set(key, hit);
        return hit;
      }
      await yieldToEventLoop();
      this.renders++;
      const svg = await draw(input);
      this.cache.set(key, svg);
      if (this.cache.size > this.maxEntries) this.cache.delete(this.cache.keys().next().value as string);
      return svg;
    });
  }

  private async queued<R>(job: () => Promise<R>): Promise<R> {
    if (this.running >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      await yieldToEventLoop();
      return await job();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}
