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
    if (err instanceof CalcInputError) {
      throw new UnprocessableError(`The cost engine cannot evaluate the request: ${err.message}`, [
        { field: fieldOf(err.field), message: err.reason },
      ]);
    }
    throw err;
  }
}
