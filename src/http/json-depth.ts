import type { FastifyInstance } from 'fastify';
import { BadRequestError } from '../errors.js';

/**
 * Most levels of arrays and objects a request body may nest. The deepest valid body (a batch item's
 * inline profile or hourly load) nests 5; a body nested thousands deep is refused before any
 * validation, storage or hashing walks it recursively (a stack overflow, then a 500, otherwise).
 */
export const MAX_JSON_DEPTH = 32;

/**
 * The JSON path (to two levels) of the first value nested deeper than `max`, or null. Iterative,
 * so that the check itself cannot overflow the stack.
 */
export function tooDeep(body: unknown, max = MAX_JSON_DEPTH): string | null {
  const stack: [unknown, number, string][] = [[body, 0, '']];
  while (stack.length > 0) {
    const [value, depth, path] = stack.pop() as [unknown, number, string];
    if (value === null || typeof value !== 'object') continue;
    if (depth >= max) return path === '' ? 'body' : path;
    const entries = Array.isArray(value) ? value.entries() : Object.entries(value);
    for (const [k, v] of entries) {
      if (v !== null && typeof v === 'object') stack.push([v, depth + 1, depth < 2 ? (path === '' ? String(k) : `${path}.${k}`) : path]);
    }
  }
  return null;
}

/** preValidation: 400 naming the field when a parsed JSON body nests deeper than MAX_JSON_DEPTH. */
export function registerJsonDepthLimit(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    if (req.body === null || typeof req.body !== 'object') return;
    const field = tooDeep(req.body);
    if (field !== null) {
      throw new BadRequestError(`The request body nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep.`, [
        { field, message: `nested more than ${MAX_JSON_DEPTH} levels deep` },
      ]);
    }
  });
}
