/**
 * Small guards shared by the validators of the calculation core. Each throws
 * {@link CalcInputError} naming the field; each returns the value so it can be used inline.
 */
import { CalcInputError } from './errors.js';

/** Throws unless `value` is a finite number (not NaN, not ±Infinity). */
export function requireFinite(field: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new CalcInputError(field, `must be a finite number, got ${String(value)}`);
  }
  return value;
}

/** Throws unless `value` is finite and strictly greater than zero. */
export function requirePositive(field: string, value: number): number {
  requireFinite(field, value);
  if (value <= 0) throw new CalcInputError(field, `must be greater than 0, got ${value}`);
  return value;
}

/** Throws unless `value` is finite and at least zero. */
export function requireNonNegative(field: string, value: number): number {
  requireFinite(field, value);
  if (value < 0) throw new CalcInputError(field, `must not be negative, got ${value}`);
  return value;
}

/** Throws unless `value` is finite and within [0, 1]. */
export function requireFraction(field: string, value: number): number {
  requireFinite(field, value);
  if (value < 0 || value > 1) throw new CalcInputError(field, `must be between 0 and 1, got ${value}`);
  return value;
}

/** Throws unless `value` is finite, greater than 0 and at most 1. */
export function requireOpenFraction(field: string, value: number): number {
  requireFinite(field, value);
  if (value <= 0 || value > 1) throw new CalcInputError(field, `must be greater than 0 and at most 1, got ${value}`);
  return value;
}

/** Throws unless `value` is an integer ≥ `min` (default 1). */
export function requireInteger(field: string, value: number, min = 1): number {
  requireFinite(field, value);
  if (!Number.isInteger(value) || value < min) {
    throw new CalcInputError(field, `must be an integer of at least ${min}, got ${value}`);
  }
  return value;
}

/** Throws unless `value` is finite and at least `min`. */
export function requireAtLeast(field: string, value: number, min: number): number {
  requireFinite(field, value);
  if (value < min) throw new CalcInputError(field, `must be at least ${min}, got ${value}`);
  return value;
}

/** Like the guard it wraps, but lets `null`/`undefined` through unchanged. */
export function optional<T extends number>(
  guard: (field: string, value: number) => number,
  field: string,
  value: T | null | undefined,
): T | null {
  if (value === null || value === undefined) return null;
  guard(field, value);
  return value;
}
