import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMeasurements, sourceGroupOf } from '../scripts/calibration/measurements.js';

const row = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  model: 'llama-3.1-8b',
  hardware: 'nvidia-h100-sxm',
  gpus: 1,
  tensorParallel: 1,
  weightPrecision: 'fp8',
  kvCachePrecision: null,
  engine: 'vLLM',
  regime: 'batch1',
  concurrency: 1,
  inputTokens: 100,
  outputTokens: 100,
  metric: 'output-tokens-per-second-per-user',
  value: 150,
  perGpu: false,
  source: 'https://example.org/page',
  asOf: '2025-01-01',
  notes: '',
  ...extra,
});

function tree(main: unknown[], incoming: Record<string, unknown>): string {
  const root = mkdtempSync(join(tmpdir(), 'calib-'));
  mkdirSync(join(root, 'data/calibration/incoming'), { recursive: true });
  writeFileSync(join(root, 'data/calibration/measurements.json'), JSON.stringify({ rows: main }));
  for (const [name, content] of Object.entries(incoming)) {
    writeFileSync(join(root, 'data/calibration/incoming', name), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return root;
}

describe('loadMeasurements', () => {
  it('reads measurements.json plus every incoming file, rejecting duplicates, bad rows and rows without a source group', () => {
    const root = tree([row('a'), row('b')], {
      'x.json': [row('c', { sourceGroup: 'Vendor X page' }), row('a', { sourceGroup: 'Vendor X page' })],
      'y.json': { rows: [row('d', { sourceGroup: 'Y', value: -1 }), row('e'), row('f', { sourceGroup: 'Y', regime: 'burst' })] },
      'z.json': '{ not json',
      'notes.txt': 'ignored',
    });
    const { rows, rejected, files } = loadMeasurements(root);
    expect(rows.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(rows.find((r) => r.id === 'c')?.sourceGroup).toBe('Vendor X page');
    expect(files).toEqual([
      'data/calibration/measurements.json',
      'data/calibration/incoming/x.json',
      'data/calibration/incoming/y.json',
      'data/calibration/incoming/z.json',
    ]);
    const reasons = Object.fromEntries(rejected.map((r) => [`${r.file.split('/').pop()}:${r.id}`, r.reason]));
    expect(reasons['x.json:a']).toMatch(/duplicate id/);
    expect(reasons['y.json:d']).toMatch(/^schema: value/);
    expect(reasons['y.json:e']).toMatch(/sourceGroup missing/);
    expect(reasons['y.json:f']).toMatch(/^schema: regime/);
    expect(reasons['z.json:(file)']).toMatch(/not readable JSON/);
  });

  it('works without an incoming folder', () => {
    const root = mkdtempSync(join(tmpdir(), 'calib-'));
    mkdirSync(join(root, 'data/calibration'), { recursive: true });
    writeFileSync(join(root, 'data/calibration/measurements.json'), JSON.stringify({ rows: [row('a')] }));
    expect(loadMeasurements(root).rows).toHaveLength(1);
  });
});

describe('sourceGroupOf', () => {
  it.each([
    ['https://github.com/mlcommons/inference_results_v4.1/blob/a2f5d66d/closed/AMD/results/x.txt', 'MLPerf Inference v4.1'],
    ['https://github.com/mlcommons/inference_results_v5.1/tree/main/closed/NVIDIA/results/B200', 'MLPerf Inference v5.1'],
    [
      'https://github.com/NVIDIA/TensorRT-LLM/blob/258c7540/docs/source/performance/perf-overview.md',
      'NVIDIA/TensorRT-LLM:docs/source/performance/perf-overview.md',
    ],
    [
      'https://github.com/NVIDIA/TensorRT-LLM/blob/00f37686/docs/source/performance/perf-overview.md',
      'NVIDIA/TensorRT-LLM:docs/source/performance/perf-overview.md',
    ],
    [
      'https://github.com/gpustack/gpustack/blob/1dbc3b81/docs/performance-lab/qwen3-8b/h100.md',
      'gpustack/gpustack:docs/performance-lab/qwen3-8b',
    ],
    ['https://docs.nvidia.com/nim/benchmarking/llm/1.0.0/performance/', 'docs.nvidia.com/nim/benchmarking/llm/1.0.0/performance'],
  ])('%s → %s', (source, group) => {
    expect(sourceGroupOf({ source })).toBe(group);
  });

  it('an explicit sourceGroup wins', () => {
    expect(sourceGroupOf({ source: 'https://example.org/a', sourceGroup: 'Round 7' })).toBe('Round 7');
  });
});
