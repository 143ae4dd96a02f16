import { CalcInputError } from '../calc/index.js';
import { UnprocessableError } from '../errors.js';

/**
 * Runs a cost-engine call, turning the core's CalcInputError into a 422 that names the request
 * field: `fieldOf` maps the engine's field path (e.g. `assumptions.usdPerGpuHour`) to the
 * request's (e.g. `candidates.2.assumptions.usdPerGpuHour`). Other errors pass through.
 */
export function withCalcErrors<T>(f: () => T, fieldOf: (engineField: string) => string = (field) => field): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof CalcInputError) throw unprocessable(err, fieldOf(err.field));
    throw err;
  }
}

/**
 * The 422 of an engine error, naming `field` (default: the engine's own path). Also used for engine
 * errors no service mapped (src/http/problem.ts) and for those thrown in a chart worker.
 */
export function unprocessable(err: CalcInputError, field: string = err.field): UnprocessableError {
  return new UnprocessableError(`The cost engine cannot evaluate the request: ${err.message}`, [{ field, message: err.reason }]);
}
