/**
 * The one error the calculation core throws for bad input.
 *
 * `field` names the offending input with a dotted path (`model.activeParamsB`,
 * `workload.outputTokensPerMonth`, `assumptions.pue`) so the HTTP layer can map it to a 422
 * problem response that lists the field.
 *
 * @example
 * try { capitalRecoveryFactor(-1, 60); } catch (e) {
 *   e instanceof CalcInputError; // true
 *   e.field;                     // 'annualRate'
 * }
 */
export class CalcInputError extends Error {
  override readonly name = 'CalcInputError';
  /** Dotted path of the input that is invalid. */
  readonly field: string;
  /** What is wrong with it, without the field name. */
  readonly reason: string;

  constructor(field: string, reason: string) {
    super(`${field}: ${reason}`);
    this.field = field;
    this.reason = reason;
  }
}
