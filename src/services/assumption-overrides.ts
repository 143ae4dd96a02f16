import { type AssumptionOverrides, platformCapexDefault } from '../calc/index.js';
import type { HardwareSpec } from '../domain/profiles.js';
import type { AssumptionsInput, SelfHostCandidateInput } from '../schemas/compare.js';

/**
 * Maps the HTTP assumption names onto the engine's: `utilization` is the engine's
 * `targetUtilization`; the engine's `realisationFactor` is `vendorClaimRealisation` for hardware
 * flagged as a vendor claim (engine default 0.5) and `realisationFactor` for all other hardware
 * (engine default 1), so a realisation set for shipped hardware never lifts the discount on a
 * vendor's claim. A candidate's pricing and measured throughput become overrides too.
 * Candidate-level assumptions win over request-level ones. Unless the caller sets
 * `platformCapexUsdPerGpu` or `allInCapexUsdPerGpu`, the hardware profile's own
 * `platformCapexUsdPerGpu` is used, else the hardware class's sourced platform share
 * (calc/platform-capex.ts, by profile id), with its source or derivation as `platformCapexBasis`.
 */
export function engineOverrides(
  hardware: Pick<HardwareSpec, 'vendorClaim'> &
    Partial<Pick<HardwareSpec, 'platformCapexUsdPerGpu' | 'platformCapexSource'>> & { id?: string | null },
  global: AssumptionsInput | undefined,
  candidate: Pick<SelfHostCandidateInput, 'assumptions' | 'pricing' | 'measuredOutputTokensPerSecondPerGpu'> = {},
): AssumptionOverrides {
  // Built key by key rather than by spreads and rest destructuring (one object per self-host
  // candidate per request; on Node 20 a spread copy that then gains keys costs microseconds). The
  // key order is that of `{ ...global, ...candidate.assumptions }` without the three renamed keys.
  const merged: AssumptionsInput = Object.assign({}, global, candidate.assumptions);
  const { utilization, vendorClaimRealisation, realisationFactor } = merged;
  const out: AssumptionOverrides = {};
  for (const k in merged) {
    if (k !== 'utilization' && k !== 'vendorClaimRealisation' && k !== 'realisationFactor') {
      (out as Record<string, unknown>)[k] = (merged as Record<string, unknown>)[k];
    }
  }
  if (utilization !== undefined) out.targetUtilization = utilization;
  const realisation = hardware.vendorClaim ? vendorClaimRealisation : realisationFactor;
  if (realisation !== undefined) out.realisationFactor = realisation;
  const pricing = candidate.pricing;
  if (pricing?.mode === 'cloud' && pricing.usdPerGpuHour !== undefined) out.usdPerGpuHour = pricing.usdPerGpuHour;
  if (pricing?.mode === 'owned') {
    for (const k in pricing) {
      const v = (pricing as Record<string, unknown>)[k];
      if (k !== 'mode' && v !== undefined) (out as Record<string, unknown>)[k] = v;
    }
  }
  if (out.platformCapexUsdPerGpu === undefined && out.allInCapexUsdPerGpu === undefined) {
    // The hardware profile's own figure first, then the class default.
    const own = hardware.platformCapexUsdPerGpu;
    const platform = own != null ? null : platformCapexDefault(hardware.id);
    if (own != null) {
      out.platformCapexUsdPerGpu = own;
      out.platformCapexBasis = `hardware profile ${hardware.id ?? '(inline)'}: ${hardware.platformCapexSource ?? 'no source given'}`;
    } else if (platform) {
      out.platformCapexUsdPerGpu = platform.usdPerGpu;
      out.platformCapexBasis = platform.basis;
    }
  }
  if (candidate.measuredOutputTokensPerSecondPerGpu !== undefined) {
    out.measuredOutputTokensPerSecondPerGpu = candidate.measuredOutputTokensPerSecondPerGpu;
  }
  return out;
}
