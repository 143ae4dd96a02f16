/**
 * All-in capital cost of owned GPUs: a buyer pays for the server, network and storage around each
 * GPU, not only the GPU. The platform share per GPU (everything but the GPU) is a sourced default
 * per hardware class; docs/cost-model.md §3 ("All-in capital cost") and data/reference/README.md
 * give the derivations. Every figure is an estimate (`estimate: true`): no vendor publishes one.
 */

export interface PlatformCapexDefault {
  /** Server, network and storage share per GPU, USD (the all-in cost minus the GPU price). */
  usdPerGpu: number;
  estimate: true;
  /** How the figure was derived, with its sources (echoed as `assumptions.platformCapexBasis`). */
  basis: string;
}

const H100_BASIS =
  'H100 cluster capex ~$50,000 per GPU all-in (8-GPU node ~$310k incl. InfiniBand NICs + switches and cables: $45.8k-51.6k per GPU by cluster size, https://substack.tech-talk-cto.com/p/h100-freakonomics-the-economical and its sheet https://docs.google.com/spreadsheets/d/1Ft3RbeZ-w43kYSiLfYc1vxO41mK5lmJpcPC9GOYHAWc; ~$50k all-in, https://www.greaterwrong.com/posts/NBEmGx3djmSXawp3H/no77e-s-shortform/comment/5QKKfBJSbAykKegWo) minus the $30,000 GPU price of the profile (aiinframap)';

/**
 * Defaults by hardware profile id (reference catalogue), used when neither the request nor the
 * hardware profile (`platformCapexUsdPerGpu`) gives a figure. Classes without a sourced figure are
 * absent: their owned cost counts the GPU price only, with the warning `capex-gpu-only`.
 */
export const PLATFORM_CAPEX_DEFAULTS: Readonly<Record<string, PlatformCapexDefault>> = {
  'nvidia-h100-sxm': { usdPerGpu: 20_000, estimate: true, basis: `$50,000 - $30,000: ${H100_BASIS}` },
  'nvidia-h200-sxm': {
    usdPerGpu: 20_000,
    estimate: true,
    basis: `the H100 SXM platform share (same HGX 8-GPU baseboard, 700 W, NVLink 4): $50,000 - $30,000, ${H100_BASIS}`,
  },
  'nvidia-b200-hgx': {
    usdPerGpu: 24_375,
    estimate: true,
    basis:
      'DGX B200 price $515,000 per 8-GPU system (https://vengineer.hatenablog.com/entry/2025/03/16/080000) / 8 = $64,375, minus the $40,000 GPU price of the profile (aiinframap). Server share only: no sourced figure for the cluster network and storage of a B200 system, so they are not included.',
  },
  'nvidia-gb200-nvl72': {
    usdPerGpu: 34_027,
    estimate: true,
    basis:
      'GB200 NVL72 ~$5 M per rack all-in with external networking (forum estimate, https://www.greaterwrong.com/posts/NBEmGx3djmSXawp3H/no77e-s-shortform/comment/5QKKfBJSbAykKegWo) / 72 GPUs = $69,444, minus the profile price $35,417 per GPU (rack $2.0-3.1 M / 72, which already includes CPUs, NVLink switches and the rack)',
  },
};

/** The sourced default for a hardware profile id, or null when the class has none. */
export function platformCapexDefault(hardwareId: string | null | undefined): PlatformCapexDefault | null {
  if (!hardwareId || !Object.hasOwn(PLATFORM_CAPEX_DEFAULTS, hardwareId)) return null;
  return PLATFORM_CAPEX_DEFAULTS[hardwareId] ?? null;
}
