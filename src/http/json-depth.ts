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
 * so that the check itself cannot overflow the stack. It runs on every JSON body, a 10,000-item
 * batch (about 400,000 objects) included: the stack is three flat arrays and no entry pairs or
 * path strings are built below the second level, where the path stops growing.
 */
export function tooDeep(body: unknown, max = MAX_JSON_DEPTH): string | null {
  const values: unknown[] = [body];
  const depths: number[] = [0];
  const paths: string[] = [''];
  while (values.length > 0) {
    const value = values.pop();
    const depth = depths.pop() as number;
    const path = paths.pop() as string;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= max) return path === '' ? 'body' : path;
    const named = depth < 2;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const v: unknown = value[i];
        if (v === null || typeof v !== 'object') continue;
        values.push(v);
        depths.push(depth + 1);
        paths.push(named ? (path === '' ? String(i) : `${path}.${i}`) : path);
      }
    } else {
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj);
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i] as string;
        const v = obj[k];
        if (v === null || typeof v !== 'object') continue;
        values.push(v);
        depths.push(depth + 1);
        paths.push(named ? (path === '' ? k : `${path}.${k}`) : path);
      }
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
