/**
 * Scale-up interconnect classes and their tensor-parallel communication defaults.
 */
import type { HardwareShape } from './model-checks.js';

export const INTERCONNECT_CLASSES = ['nvlink', 'infinity-fabric', 'ici', 'pcie'] as const;
/** Broad class of the GPU-to-GPU link used for tensor-parallel all-reduces. */
export type InterconnectClass = (typeof INTERCONNECT_CLASSES)[number];

/**
 * Classifies a hardware profile's `interconnect` text. PCIe-first descriptions ("PCIe Gen5 x16
 * (optional NVLink bridge)", "PCIe Gen4, no NVLink") are `pcie`; NVLink descriptions (including
 * NVLink bridges and NVLink Switch domains) are `nvlink`; AMD Infinity Fabric / xGMI is
 * `infinity-fabric`; TPU ICI is `ici`. Unknown or missing text is treated as `pcie`, the
 * conservative choice.
 *
 * @example
 * interconnectClass('NVLink 4');                       // 'nvlink'
 * interconnectClass('PCIe Gen4 x16, no NVLink');       // 'pcie'
 * interconnectClass('AMD Infinity Fabric, 7 links');   // 'infinity-fabric'
 * interconnectClass(null);                             // 'pcie'
 */
export function interconnectClass(interconnect: string | null): InterconnectClass {
  const text = (interconnect ?? '').toLowerCase();
  if (text.includes('infinity fabric') || text.includes('xgmi')) return 'infinity-fabric';
  if (/\bici\b/.test(text)) return 'ici';
  if (text.startsWith('pcie') || text.includes('no nvlink')) return 'pcie';
  if (text.includes('nvlink')) return 'nvlink';
  return 'pcie';
}

/**
 * Default scale-up bandwidth per GPU (GB/s, bidirectional, as in the profiles) when a profile
 * leaves `interconnectGBps` null: NVLink 4 900; MI300X Infinity Fabric 7 × 128 = 896;
 * TPU v5e ICI 400; PCIe Gen4 x16 64.
 */
export const DEFAULT_INTERCONNECT_GBPS: Readonly<Record<InterconnectClass, number>> = {
  nvlink: 900,
  'infinity-fabric': 896,
  ici: 400,
  pcie: 64,
};

/**
 * Scale-up bandwidth per GPU for a hardware profile, GB/s: the profile's figure, or the class
 * default.
 *
 * @example
 * interconnectGBpsFor({ interconnect: 'PCIe Gen5', interconnectGBps: null }); // 64
 */
export function interconnectGBpsFor(hardware: Pick<HardwareShape, 'interconnect' | 'interconnectGBps'>): number {
  return hardware.interconnectGBps ?? DEFAULT_INTERCONNECT_GBPS[interconnectClass(hardware.interconnect)];
}
