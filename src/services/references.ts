import type { ApiOffering, ApiOfferingSpec, HardwareProfile, HardwareSpec, ModelProfile, ModelSpec } from '../domain/profiles.js';
import { type FieldProblem, UnprocessableError } from '../errors.js';
import { apiOfferingSchemas, hardwareSchemas, modelSchemas } from '../schemas/profiles.js';
import type { CatalogSnapshot } from './catalog.js';

/**
 * Resolves a profile reference — a stored profile's id or an inline profile object — to a
 * profile, and records which stored version was used (for audit and reproduction).
 */
export interface ProfileUse {
  kind: 'hardware' | 'model' | 'apiOffering';
  /** Stored id, or null for an inline profile. */
  id: string | null;
  /** Stored version (ETag), or null for an inline profile. */
  version: number | null;
  updatedAt: string | null;
  asOf: string;
  source: string;
}

type Spec = HardwareSpec | ModelSpec | ApiOfferingSpec;

export interface Resolved<T> {
  profile: T;
  use: ProfileUse;
}

/** Collects every unknown-id problem of one request before failing, so the 422 lists them all. */
export class ReferenceResolver {
  readonly problems: FieldProblem[] = [];
  readonly uses: ProfileUse[] = [];

  constructor(private readonly snapshot: CatalogSnapshot) {}

  hardware(ref: unknown, field: string): HardwareProfile | null {
    return this.resolve(ref, field, 'hardware', this.snapshot.hardware, hardwareSchemas.defaults) as HardwareProfile | null;
  }

  model(ref: unknown, field: string): ModelProfile | null {
    return this.resolve(ref, field, 'model', this.snapshot.models, modelSchemas.defaults) as ModelProfile | null;
  }

  offering(ref: unknown, field: string): ApiOffering | null {
    return this.resolve(ref, field, 'apiOffering', this.snapshot.apiOfferings, apiOfferingSchemas.defaults) as ApiOffering | null;
  }

  /** Throws a 422 listing every unknown id met so far. */
  check(): void {
    if (this.problems.length > 0) {
      throw new UnprocessableError(`The request references ${this.problems.length} unknown profile id(s).`, this.problems);
    }
  }

  private resolve(
    ref: unknown,
    field: string,
    kind: ProfileUse['kind'],
    store: ReadonlyMap<string, Spec & { id: string; version: number; updatedAt: string; asOf: string; source: string }>,
    defaults: Record<string, unknown>,
  ): Spec | null {
    if (typeof ref === 'string') {
      const found = store.get(ref);
      if (!found) {
        this.problems.push({ field, message: `no ${kind === 'apiOffering' ? 'API offering' : `${kind} profile`} with id '${ref}'` });
        return null;
      }
      this.record({ kind, id: found.id, version: found.version, updatedAt: found.updatedAt, asOf: found.asOf, source: found.source });
      return found;
    }
    // The request schema validated the inline profile as a complete record of its kind.
    const inline: Record<string, unknown> = { ...defaults, ...(typeof ref === 'object' ? ref : {}) };
    this.record({ kind, id: null, version: null, updatedAt: null, asOf: String(inline.asOf), source: String(inline.source) });
    // An inline profile has every field of its kind but no stored version or timestamps (cost-model-cache keys it by content).
    return { ...inline, id: inline.id ?? 'inline' } as unknown as Spec;
  }

  private record(use: ProfileUse): void {
    if (use.id !== null && this.uses.some((u) => u.kind === use.kind && u.id === use.id)) return;
    this.uses.push(use);
  }
}
