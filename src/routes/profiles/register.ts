import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { writeContext } from '../../audit/context.js';
import { endOfDay } from '../../audit/dates.js';
import { revisionPage, stateAsOf } from '../../audit/revisions.js';
import { asOfQuery, revisionPageSchema, revisionsQuery } from '../../audit/schemas.js';
import { BadRequestError, NotFoundError } from '../../errors.js';
import { etagOf, expectedVersion } from '../../http/etag.js';
import { type IssueLike, issuesToProblems } from '../../http/zod-problems.js';
import type { ChangeLogRepository } from '../../repositories/change-log.js';
import type { ProfileRepository, StoredMeta, Writable } from '../../repositories/profile-repository.js';
import { idParams, ifMatchHeaders, MAX_PAGE_SIZE, paginationQuery, problemResponses, storableText } from '../../schemas/common.js';
import type { ProfileKindSchemas } from '../../schemas/profiles.js';
import { conditionalWrite } from '../../services/conditional-write.js';

/**
 * Registers list / get / create / replace / patch / delete for one profile kind. The three kinds
 * (hardware, models, API offerings) differ only in their schemas, filters and repository.
 */
export interface ProfileRoutesOptions<T extends StoredMeta> {
  /** URL path, e.g. `/hardware`. */
  path: string;
  tag: string;
  /** Singular noun for summaries, e.g. `hardware profile`. */
  noun: string;
  /** operationId stems: singular and plural, e.g. `Model` / `Models`. */
  operation: [string, string];
  schemas: ProfileKindSchemas;
  repo: ProfileRepository<T>;
  /** Filter query parameters (exact match): name → description. */
  filters: Record<string, string>;
  /** Called after every successful write (cache invalidation). */
  onWrite?: () => void;
  /** All records of the kind, ordered by id, from the in-memory catalogue; lists are served from it. */
  listAll: () => Promise<T[]>;
  /** Revisions and as-of reads come from the change log. */
  changeLog: ChangeLogRepository;
  /** The clock (write times). */
  now: () => Date;
}

/** Domain records are plain objects; the response schema checks their shape. */
const asBody = (record: object) => record as Record<string, unknown>;

export function registerProfileRoutes<T extends StoredMeta>(app: FastifyInstance, opts: ProfileRoutesOptions<T>): void {
  const { path, tag, noun, schemas, repo } = opts;
  const [one, many] = opts.operation;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const filterShape = Object.fromEntries(
    Object.entries(opts.filters).map(([k, d]) => [k, storableText(200, 1).optional().describe(`${d} (exact match).`)]),
  );
  const listQuery = z.object({ ...paginationQuery, ...filterShape }).strict();
  const listResponse = z
    .object({
      items: z.array(schemas.response),
      total: z.number().int().describe('Items matching the filters, all pages.'),
      limit: z.number().int(),
      offset: z.number().int(),
    })
    .meta({
      id: `${many}Page`,
      examples: [{ items: (schemas.response.meta()?.examples as unknown[] | undefined) ?? [], total: 1, limit: 50, offset: 0 }],
    });
  const written = () => opts.onWrite?.();
  const ctx = (req: Parameters<typeof writeContext>[0]) => writeContext(req, opts.now);
  const withDefaults = (body: Record<string, unknown>) => {
    const out: Record<string, unknown> = { ...schemas.defaults };
    for (const [k, v] of Object.entries(body)) if (v !== undefined) out[k] = v;
    return out;
  };

  r.get(path, {
    schema: {
      tags: [tag],
      operationId: `list${many}`,
      summary: `List ${noun}s`,
      description: `Paginated, ordered by id, at most ${MAX_PAGE_SIZE} items per page; filters match exactly. Served from the in-memory catalogue: a write through this instance shows at once, one through another instance within PROFILE_CACHE_TTL_MS.`,
      querystring: listQuery,
      response: { 200: listResponse, ...problemResponses(400) },
    },
    handler: async (req) => {
      const { limit, offset, ...filters } = req.query as Record<string, unknown> & { limit: number; offset: number };
      const wanted = Object.entries(filters).filter(([, v]) => v !== undefined);
      const matching = (await opts.listAll()).filter((item) => wanted.every(([k, v]) => Reflect.get(item, k) === v));
      return { items: matching.slice(offset, offset + limit).map(asBody), total: matching.length, limit, offset };
    },
  });

  r.get(`${path}/:id`, {
    schema: {
      tags: [tag],
      operationId: `get${one}`,
      summary: `Get one ${noun}`,
      description:
        'With `asOf`, the revision valid at the end of that day (from the change log), 404 when the profile did not exist or was deleted then; the `x-revision-id` header names the revision.',
      params: idParams,
      querystring: asOfQuery,
      response: { 200: schemas.response, ...problemResponses(400, 404) },
    },
    handler: async (req, reply) => {
      const { asOf } = req.query;
      if (asOf === undefined) {
        const found = await repo.get(req.params.id);
        reply.header('etag', etagOf(found.version));
        return asBody(found);
      }
      const id = req.params.id;
      const state = stateAsOf(await opts.changeLog.history(repo.entityKind, id), endOfDay(asOf));
      if (state.kind !== 'found') {
        const err = new NotFoundError(noun, id);
        err.message =
          state.kind === 'deleted'
            ? `The ${noun} '${id}' was deleted on ${state.revision.effectiveAt} and not restored by the end of ${asOf}.`
            : state.firstEffectiveAt
              ? `The ${noun} '${id}' has no revision valid on ${asOf}; its first is valid from ${state.firstEffectiveAt}.`
              : `No ${noun} with id '${id}' has ever been recorded.`;
        throw err;
      }
      const rev = state.revision;
      reply.header('etag', etagOf(rev.version ?? 0)).header('x-revision-id', String(rev.id));
      return { ...schemas.defaults, ...rev.record, version: rev.version, createdAt: state.createdAt, updatedAt: rev.at };
    },
  });

  r.get(`${path}/:id/revisions`, {
    schema: {
      tags: [tag],
      operationId: `list${one}Revisions`,
      summary: `Revisions of a ${noun}, newest first`,
      description:
        'Every create, change, delete and restore: version, time, effective date, actor, request id, fields changed (old → new), source and asOf of the value. Kept after a delete.',
      params: idParams,
      querystring: revisionsQuery,
      response: { 200: revisionPageSchema, ...problemResponses(400, 404) },
    },
    handler: async (req) => {
      const history = await opts.changeLog.history(repo.entityKind, req.params.id);
      if (history.length === 0) throw new NotFoundError(noun, req.params.id);
      return revisionPage(history, req.query.limit, req.query.offset);
    },
  });

  r.post(`${path}/:id/restore`, {
    config: { scope: 'catalog:write' },
    schema: {
      tags: [tag],
      operationId: `restore${one}`,
      summary: `Restore a deleted ${noun}`,
      description: 'Undoes a delete: the profile is back in lists, reads and comparisons with a new version. 409 when it is not deleted.',
      params: idParams,
      response: { 200: schemas.response, ...problemResponses(400, 404, 409) },
    },
    handler: async (req, reply) => {
      const restored = await repo.restore(req.params.id, ctx(req));
      written();
      reply.header('etag', etagOf(restored.version));
      return asBody(restored);
    },
  });

  r.post(path, {
    config: { scope: 'catalog:write', idempotent: true },
    schema: {
      tags: [tag],
      operationId: `create${one}`,
      summary: `Create a ${noun}`,
      description: 'Omitted nullable fields are stored as null and omitted flags as false.',
      body: schemas.create,
      response: { 201: schemas.response, ...problemResponses(400, 409, 413, 415) },
    },
    handler: async (req, reply) => {
      const created = await repo.create(withDefaults(req.body as Record<string, unknown>) as Writable<T>, ctx(req));
      written();
      reply.code(201).header('location', `${path}/${created.id}`).header('etag', etagOf(created.version));
      return asBody(created);
    },
  });

  r.put(`${path}/:id`, {
    config: { scope: 'catalog:write' },
    schema: {
      tags: [tag],
      operationId: `replace${one}`,
      summary: `Replace a ${noun}`,
      description: 'Replaces every field; omitted nullable fields become null. Send If-Match to guard against lost updates.',
      params: idParams,
      headers: ifMatchHeaders,
      body: schemas.replace,
      response: { 200: schemas.response, ...problemResponses(400, 404, 409, 412, 413, 415) },
    },
    handler: async (req, reply) => {
      const body = req.body as Record<string, unknown>;
      if (body.id !== undefined && body.id !== req.params.id) {
        throw new BadRequestError('The id in the body differs from the id in the path.', [
          { field: 'id', message: `must equal '${req.params.id}' or be omitted` },
        ]);
      }
      const { id: _ignored, ...record } = withDefaults(body);
      const saved = await conditionalWrite(expectedVersion(req.headers['if-match']), (expected) =>
        repo.replace(req.params.id, record as Omit<Writable<T>, 'id'>, expected, ctx(req)),
      );
      written();
      reply.header('etag', etagOf(saved.version));
      return asBody(saved);
    },
  });

  r.patch(`${path}/:id`, {
    config: { scope: 'catalog:write' },
    schema: {
      tags: [tag],
      operationId: `update${one}`,
      summary: `Update some fields of a ${noun}`,
      description:
        'JSON merge patch (application/json or application/merge-patch+json): the fields given replace the stored ones; null clears a nullable field. The merged record must be valid. Send If-Match to guard against lost updates.',
      params: idParams,
      headers: ifMatchHeaders,
      body: schemas.patch,
      response: { 200: schemas.response, ...problemResponses(400, 404, 409, 412, 413, 415) },
    },
    handler: async (req, reply) => {
      // Merged onto the record as read; written conditionally on its version (or If-Match's).
      // Without If-Match a write that lost a race is merged again onto the newer record.
      const saved = await conditionalWrite(expectedVersion(req.headers['if-match']), async (expected) => {
        const current = await repo.get(req.params.id);
        const { version, createdAt: _createdAt, updatedAt: _updatedAt, ...stored } = current;
        const merged = { ...stored, ...(req.body as Record<string, unknown>) };
        const checked = schemas.complete.safeParse(merged);
        if (!checked.success) {
          throw new BadRequestError(
            'The record after applying the patch is invalid.',
            issuesToProblems(checked.error.issues as IssueLike[]),
          );
        }
        const { id: _id, ...record } = merged;
        return repo.replace(req.params.id, record as Omit<Writable<T>, 'id'>, expected ?? version, ctx(req));
      });
      written();
      reply.header('etag', etagOf(saved.version));
      return asBody(saved);
    },
  });

  r.delete(`${path}/:id`, {
    config: { scope: 'catalog:write' },
    schema: {
      tags: [tag],
      operationId: `delete${one}`,
      summary: `Delete a ${noun}`,
      description:
        'A soft delete: the profile leaves lists, reads and comparisons (404) but keeps its history and can be restored (POST .../restore).',
      params: idParams,
      headers: ifMatchHeaders,
      response: { 204: z.null().describe('Deleted.'), ...problemResponses(400, 404, 409, 412) },
    },
    handler: async (req, reply) => {
      await conditionalWrite(expectedVersion(req.headers['if-match']), (expected) => repo.delete(req.params.id, expected, ctx(req)));
      written();
      return reply.code(204).send(null);
    },
  });
}
