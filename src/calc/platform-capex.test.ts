import { describe, expect, it } from 'vitest';
import { PLATFORM_CAPEX_DEFAULTS, platformCapexDefault } from './platform-capex.js';

describe('platform capex defaults', () => {
  it('H100 SXM: the sourced ~$50,000 all-in per GPU minus the $30,000 GPU price', () => {
    expect(platformCapexDefault('nvidia-h100-sxm')).toMatchObject({ usdPerGpu: 20_000, estimate: true });
  });

  it('GB200 NVL72: $5 M all-in per rack / 72 minus the $35,417 rack-share GPU price', () => {
    expect(platformCapexDefault('nvidia-gb200-nvl72')?.usdPerGpu).toBe(Math.round(5_000_000 / 72 - 35_417));
  });

  it('B200: DGX B200 $515,000 / 8 minus the $40,000 GPU price', () => {
    expect(platformCapexDefault('nvidia-b200-hgx')?.usdPerGpu).toBe(515_000 / 8 - 40_000);
  });

  it('classes without a source have none; unknown and inherited keys are not found', () => {
    for (const id of ['amd-mi300x', 'nvidia-l40s', 'nvidia-b300-hgx', 'constructor', '__proto__', '', null, undefined]) {
      expect(platformCapexDefault(id)).toBeNull();
    }
  });

  it('every default is marked an estimate and names a source URL in its basis', () => {
    for (const d of Object.values(PLATFORM_CAPEX_DEFAULTS)) {
      expect(d.estimate).toBe(true);
      expect(d.basis).toMatch(/https:\/\//);
      expect(d.usdPerGpu).toBeGreaterThan(0);
    }
  });
});
