import type { FastifyInstance } from 'fastify';

/** A route path pattern (`/scenarios/:id/break-even.svg`, `/docs/*`) as an anchored regular expression. */
function patternOf(url: string): RegExp {
  const source = url
    .split(/(:[A-Za-z0-9_]+|\*)/)
    .map((part) => {
      if (part === '*') return '.*';
      if (part.startsWith(':')) return '[^/]+';
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source}$`);
}

/**
 * Remembers every route's path and methods (Fastify's `onRoute` hook), so that the not-found
 * handler can tell "no such path" (404) from "no such method on this path" (405 with `Allow`).
 * Must be created before the routes are registered.
 */
export class RouteMethods {
  private readonly routes: { pattern: RegExp; methods: Set<string> }[] = [];

  constructor(app: FastifyInstance) {
    app.addHook('onRoute', (route) => {
      // A catch-all (CORS preflight answers OPTIONS on every path) says nothing about a path's methods.
      if (route.url === '*' || route.url === '/*') return;
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      const pattern = patternOf(route.url);
      let entry = this.routes.find((r) => r.pattern.source === pattern.source);
      if (!entry) {
        entry = { pattern, methods: new Set() };
        this.routes.push(entry);
      }
      for (const m of methods) entry.methods.add(m.toUpperCase());
      if (entry.methods.has('GET')) entry.methods.add('HEAD');
    });
  }

  /** The methods the path answers, sorted; empty when no route matches the path. */
  allowed(url: string): string[] {
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const methods = new Set<string>();
    for (const r of this.routes) if (r.pattern.test(path)) for (const m of r.methods) methods.add(m);
    return [...methods].sort();
  }
}
