import type { FastifyRequest } from 'fastify';
import { actorOf } from '../auth/actor.js';
import type { WriteContext } from './record.js';

/** The write context of an HTTP request: its actor's name, its request id, and `now()`. */
export function writeContext(req: FastifyRequest, now: () => Date): WriteContext {
  return { actor: actorOf(req).name, requestId: req.id, at: now() };
}
