/**
 * Realistic chart inputs for the chart tests and sample renders (a support-bot scenario: two self-host
 * options vs two APIs).
 */
import type { BreakEvenChartInput } from '../../src/charts/break-even-chart.js';
import type { TornadoChartInput } from '../../src/charts/tornado-chart.js';

/** Volumes 0 … 20B tokens/month. */
const VOLUMES = Array.from({ length: 41 }, (_, i) => i * 5e8);

/** Step cost: fixed + per replica × ceil(volume / capacity), at least one replica. */
function stepSeries(fixed: number, perReplica: number, capacity: number) {
  return VOLUMES.map((v) => ({ monthlyTokens: v, monthlyCostUsd: fixed + perReplica * Math.max(1, Math.ceil(v / capacity)) }));
}

function linearSeries(usdPerMtok: number) {
  return VOLUMES.map((v) => ({ monthlyTokens: v, monthlyCostUsd: (v / 1e6) * usdPerMtok }));
}

/**
 * Smallest volume from which a step-cost self-host option (fixed F, R per replica of capacity K) stays
 * at or below an API at p USD/token, with its cost; null when never (as src/calc/break-even.ts).
 */
function breakEven(f: number, r: number, k: number, p: number): { monthlyTokens: number; monthlyCostUsd: number } | null {
  const margin = p * k - r;
  if (!(margin > 0)) return null;
  const replicas = Math.max(1, Math.ceil((f + r) / margin));
  const monthlyTokens = (f + replicas * r) / p;
  return { monthlyTokens, monthlyCostUsd: monthlyTokens * p };
}

export function sampleBreakEven(): BreakEvenChartInput {
  const selfHost = [
    { label: 'Llama 3.3 70B · 2× H100 80GB (cloud)', f: 2000, r: 5800, k: 6e9 },
    { label: 'Qwen3 32B · 1× L40S (cloud)', f: 2000, r: 1300, k: 2e9 },
  ];
  const apis = [
    { label: 'GPT-5 mini API', usdPerMtok: 0.9 },
    { label: 'Claude Sonnet 4.5 API', usdPerMtok: 5.4 },
  ];
  return {
    title: 'Monthly cost vs volume — scenario "Support bot"',
    series: [
      ...selfHost.map((s) => ({ label: s.label, type: 'self-host' as const, points: stepSeries(s.f, s.r, s.k) })),
      ...apis.map((a) => ({ label: a.label, type: 'api' as const, points: linearSeries(a.usdPerMtok) })),
    ],
    breakEvenPoints: selfHost.flatMap((s) =>
      apis.flatMap((a) => {
        const b = breakEven(s.f, s.r, s.k, a.usdPerMtok / 1e6);
        return b === null ? [] : [{ selfHost: s.label, api: a.label, ...b }];
      }),
    ),
  };
}

export function sampleTornado(): TornadoChartInput {
  return {
    title: 'What moves the self-host cost — scenario "Support bot"',
    metric: 'Monthly cost of the cheapest self-host option (USD)',
    baseline: 7800,
    bars: [
      { parameter: 'GPU price (USD/GPU-hour)', lowLabel: '$1.50', highLabel: '$4.00', lowValue: 4600, highValue: 12900 },
      { parameter: 'Monthly volume', lowLabel: '0.5B tok', highLabel: '5B tok', lowValue: 5800, highValue: 13600 },
      { parameter: 'Target utilisation', lowLabel: '40 %', highLabel: '85 %', lowValue: 11600, highValue: 7800 },
      { parameter: 'Ops cost (USD/month)', lowLabel: '$500', highLabel: '$4,000', lowValue: 6300, highValue: 9800 },
      { parameter: 'Peak-to-average ratio', lowLabel: '1.2×', highLabel: '3×', lowValue: 7800, highValue: 9800 },
    ],
  };
}
