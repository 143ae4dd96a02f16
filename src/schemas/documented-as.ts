import { z } from 'zod';

/**
 * A value documented in the OpenAPI document as the component `id` (a schema registered with
 * `.meta({ id })`) but not validated by this schema:
 * - echoed from storage as stored (a scenario's workload and candidates, the request a run
 *   evaluated), so a record written under an earlier, looser schema still reads (evaluating it
 *   reports what no longer validates);
 * - a batch item, which is validated on its own so that one bad item fails only its line.
 */
export const documentedAs = (id: string) => z.unknown().meta({ $ref: `#/components/schemas/${id}` });
