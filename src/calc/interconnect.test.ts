import { describe, expect, it } from 'vitest';
import { interconnectClass, interconnectGBpsFor } from './interconnect.js';

describe('interconnectClass', () => {
  it.each([
    ['NVLink 4', 'nvlink'],
    ['NVLink 5 (72-GPU NVLink Switch domain)', 'nvlink'],
    ['NVLink bridge (GPU pair)', 'nvlink'],
    ['PCIe Gen5', 'pcie'],
    ['PCIe Gen5 x16 (optional NVLink bridge)', 'pcie'],
    ['PCIe Gen4 x16, no NVLink', 'pcie'],
    ['AMD Infinity Fabric (xGMI)', 'infinity-fabric'],
    ['ICI (2D torus)', 'ici'],
    ['something else', 'pcie'],
    [null, 'pcie'],
  ] as const)('%s → %s', (text, expected) => {
    expect(interconnectClass(text)).toBe(expected);
  });
});

describe('interconnectGBpsFor', () => {
  it('uses the profile figure, else the class default', () => {
    expect(interconnectGBpsFor({ interconnect: 'NVLink 5', interconnectGBps: 1800 })).toBe(1800);
    expect(interconnectGBpsFor({ interconnect: 'NVLink 4', interconnectGBps: null })).toBe(900);
    expect(interconnectGBpsFor({ interconnect: null, interconnectGBps: null })).toBe(64);
  });
});
