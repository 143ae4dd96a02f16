import type { FastifyRequest } from 'fastify';

/**
 * Who made a request: the shared contract between the keys room (src/auth, which sets
 * `request.actor` from `Authorization: Bearer <key>`) and every room that records who did what
 * (audit, profile revisions, scenario ownership, runs).
 */
export type Scope = 'read' | 'write' | 'catalog:write' | 'admin';

export interface Actor {
  /** The API key's name, or `anonymous` when the request carried no key. */
  name: string;
  /** The key's id, null for anonymous requests. */
  keyId: string | null;
  scopes: readonly Scope[];
}

export const ANONYMOUS: Actor = Object.freeze({ name: 'anonymous', keyId: null, scopes: Object.freeze([]) as readonly Scope[] });

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
  }
}

/** The request's actor; anonymous until the keys room has authenticated it. */
export function actorOf(req: FastifyRequest): Actor {
  return req.actor ?? ANONYMOUS;
}
