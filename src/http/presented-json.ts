import type { FastifySerializerCompiler } from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { answerJson } from '../services/answer-memo/memo.js';

/**
 * Serialiser of the computed answers (POST /compare, /estimates, /projections and
 * GET /scenarios/{id}/evaluation): their 200 bodies are built by present() (src/http/present.ts)
 * from the typed results of the service layer, and are written with plain `JSON.stringify`
 * instead of a zod encode of every response. The encode of a 37 KB comparison cost more than its
 * serialisation (≈100–190 µs against ≈150 µs; `npm run bench:encode`), on every request.
 *
 * What keeps the contract without the per-request check: test/response-schemas.test.ts (the zod
 * encode of representative answers equals the service's own output, so nothing the schema does
 * not declare is sent), the fuzzer (test/fuzz.test.ts validates every 2xx body against the
 * served OpenAPI document) and the typed-client test. Other status codes (problem+json) and every
 * other route keep the zod serialiser, which drops undeclared keys: stored rows may hold fields
 * that must not leave the service, computed answers do not.
 */
export const presentedSerializerCompiler: FastifySerializerCompiler<unknown> = (route) =>
  route.httpStatus === '200'
    ? // A memoised comparison answer's text is written once (src/services/answer-memo/memo.ts).
      (data: unknown) => answerJson(data)
    : (serializerCompiler as FastifySerializerCompiler<unknown>)(route as Parameters<typeof serializerCompiler>[0]);
