/**
 * Checks the capacity room's TTFT percentile / queueing model (docs/capacity.md §2, §7) against
 * the published open-loop latency-vs-load points in data/calibration/ttft-vs-load.json.
 *
 * For every point the engine models the published deployment (Llama 3.3 70B bf16, tensor-parallel
 * 8 on A100 40GB, at the published mean request shape) and predicts:
 * - `sizing`: TTFT p50/p99 exactly as SLO sizing computes it — M/M/c with c = max_num_seqs slots,
 *   service time = output tokens × TPOT at the full batch c, plus the idle TTFT at c;
 * - `occupancy`: the same queue with TPOT and idle TTFT taken at the occupancy L that Little's law
 *   gives (L = λ × output tokens × TPOT(L), iterated), i.e. without the full-batch assumption;
 * - the decode step (TPOT) at the occupancy the run itself reached (output tokens/s × mean TPOT);
 * - the saturation throughput c ÷ (output tokens × TPOT(c)), against the all-at-once run.
 * Nothing is fitted. Run: `npx tsx scripts/calibration/ttft-vs-load.ts`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ReplicaCurve, replicaCurve, waitQuantileSeconds } from '../../src/calc/capacity/index.js';
import { resolveWorkload } from '../../src/calc/index.js';
import type { HardwareProfile, ModelProfile } from '../../src/domain/profiles.js';

const root = join(fileURLToPath(import.meta.url), '../../..');

interface Point {
  id: string;
  requestRatePerSecond: number | null;
  poisson: boolean;
  outputTokensPerSecond: number;
  requestThroughputPerSecond: number;
  generatedTokens: number;
  medianTtftMs: number;
  p99TtftMs: number;
  meanTpotMs: number;
}

export interface TtftCheckRow {
  id: string;
  requestRatePerSecond: number | null;
  measured: { medianTtftMs: number; p99TtftMs: number; meanTpotMs: number; occupancy: number };
  /** TPOT the engine gives at the occupancy the run reached, ms. */
  tpotAtMeasuredOccupancyMs: number;
  /** As SLO sizing computes it (full batch); null for the non-Poisson burst. Infinity: unstable queue. */
  sizing: { p50Ms: number; p99Ms: number; utilization: number } | null;
  /** With TPOT at the Little's-law occupancy; null when not Poisson or when no stable occupancy exists. */
  occupancy: { occupancy: number; p50Ms: number; p99Ms: number } | null;
}

export interface TtftCheck {
  slots: number;
  rows: TtftCheckRow[];
  saturation: {
    modelRequestsPerSecond: number;
    modelOutputTokensPerSecond: number;
    measuredBurst: { requestsPerSecond: number; outputTokensPerSecond: number };
  };
}

const REQUESTS = 200;

function load(): { points: Point[]; slots: number; inputTokens: number; model: ModelProfile; hardware: HardwareProfile } {
  const data = JSON.parse(readFileSync(join(root, 'data/calibration/ttft-vs-load.json'), 'utf8'));
  const profiles = JSON.parse(readFileSync(join(root, 'data/reference/profiles.json'), 'utf8'));
  const model = profiles.models.find((m: { id: string }) => m.id === data.system.model) as ModelProfile;
  const a100 = profiles.hardware.find((h: { id: string }) => h.id === 'nvidia-a100-80gb-sxm') as HardwareProfile;
  return {
    points: data.points,
    slots: data.system.maxNumSeqs,
    inputTokens: 42_659 / REQUESTS,
    model,
    hardware: { ...a100, memoryGb: 40, memoryBandwidthTBps: 1.555 },
  };
}

function curveFor(model: ModelProfile, hardware: HardwareProfile, inputTokens: number, outputTokens: number): ReplicaCurve {
  const w = resolveWorkload({
    inputTokensPerMonth: inputTokens,
    outputTokensPerMonth: outputTokens,
    inputTokensPerRequest: inputTokens,
    outputTokensPerRequest: outputTokens,
  });
  const curve = replicaCurve({ model, hardware, pricing: 'cloud', deployment: { gpus: 8, precision: 'bf16' } }, w);
  if (curve === null) throw new Error('the published deployment does not fit in the engine');
  return curve;
}

const ms = (s: number) => s * 1000;

/** The comparison of every published point with the model's predictions (see the module comment). */
export function ttftVsLoadCheck(): TtftCheck {
  const { points, slots, inputTokens, model, hardware } = load();
  const rows = points.map((p): TtftCheckRow => {
    const out = p.generatedTokens / REQUESTS;
    const curve = curveFor(model, hardware, inputTokens, out);
    const at = (c: number) => curve.at(8, Math.min(slots, Math.max(1, Math.round(c))));
    const occupancy = p.outputTokensPerSecond * (p.meanTpotMs / 1000);
    const lambda = p.requestRatePerSecond;
    let sizing: TtftCheckRow['sizing'] = null;
    let occ: TtftCheckRow['occupancy'] = null;
    if (p.poisson && lambda !== null) {
      const full = at(slots);
      const queue = { servers: slots, arrivalsPerSecond: lambda, serviceRatePerSecond: 1 / (out * full.timePerOutputTokenSeconds) };
      const utilization = lambda / (slots * queue.serviceRatePerSecond);
      const wait = (q: number) => (utilization < 1 ? waitQuantileSeconds(queue, q) : Number.POSITIVE_INFINITY);
      sizing = {
        p50Ms: ms(wait(0.5) + full.idleTimeToFirstTokenSeconds),
        p99Ms: ms(wait(0.99) + full.idleTimeToFirstTokenSeconds),
        utilization,
      };
      let l = 1;
      for (let i = 0; i < 100 && l <= slots; i++) l = lambda * out * at(l).timePerOutputTokenSeconds;
      if (l <= slots) {
        const point = at(l);
        const q = { servers: slots, arrivalsPerSecond: lambda, serviceRatePerSecond: 1 / (out * point.timePerOutputTokenSeconds) };
        occ = {
          occupancy: l,
          p50Ms: ms(waitQuantileSeconds(q, 0.5) + point.idleTimeToFirstTokenSeconds),
          p99Ms: ms(waitQuantileSeconds(q, 0.99) + point.idleTimeToFirstTokenSeconds),
        };
      }
    }
    return {
      id: p.id,
      requestRatePerSecond: lambda,
      measured: { medianTtftMs: p.medianTtftMs, p99TtftMs: p.p99TtftMs, meanTpotMs: p.meanTpotMs, occupancy },
      tpotAtMeasuredOccupancyMs: ms(at(occupancy).timePerOutputTokenSeconds),
      sizing,
      occupancy: occ,
    };
  });
  const burst = points.find((p) => !p.poisson) as Point;
  const out = burst.generatedTokens / REQUESTS;
  const full = curveFor(model, hardware, inputTokens, out).at(8, slots);
  return {
    slots,
    rows,
    saturation: {
      modelRequestsPerSecond: slots / (out * full.timePerOutputTokenSeconds),
      modelOutputTokensPerSecond: slots / full.timePerOutputTokenSeconds,
      measuredBurst: { requestsPerSecond: burst.requestThroughputPerSecond, outputTokensPerSecond: burst.outputTokensPerSecond },
    },
  };
}

const pct = (model: number, measured: number) =>
  Number.isFinite(model) ? `${(((model - measured) / measured) * 100).toFixed(0)} %` : 'unstable';
const f = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '∞');

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = ttftVsLoadCheck();
  console.log(`Llama 3.3 70B bf16, TP8 on 8 × A100 40GB, ${check.slots} slots (data/calibration/ttft-vs-load.json)`);
  console.log(
    'point | measured p50 / p99 TTFT ms | sizing p50 / p99 (err) | occupancy L: p50 / p99 (err) | TPOT measured / model at measured L',
  );
  for (const r of check.rows) {
    const m = r.measured;
    const s = r.sizing
      ? `${f(r.sizing.p50Ms)} / ${f(r.sizing.p99Ms)} (${pct(r.sizing.p50Ms, m.medianTtftMs)}, ${pct(r.sizing.p99Ms, m.p99TtftMs)}; ρ ${r.sizing.utilization.toFixed(2)})`
      : '—';
    const o = r.occupancy
      ? `${r.occupancy.occupancy.toFixed(1)}: ${f(r.occupancy.p50Ms)} / ${f(r.occupancy.p99Ms)} (${pct(r.occupancy.p50Ms, m.medianTtftMs)}, ${pct(r.occupancy.p99Ms, m.p99TtftMs)})`
      : r.sizing
        ? 'no stable occupancy'
        : '—';
    console.log(
      `${r.id} | ${m.medianTtftMs} / ${m.p99TtftMs} | ${s} | ${o} | ${m.meanTpotMs} / ${f(r.tpotAtMeasuredOccupancyMs)} at L ${m.occupancy.toFixed(1)} (${pct(r.tpotAtMeasuredOccupancyMs, m.meanTpotMs)})`,
    );
  }
  const sat = check.saturation;
  console.log(
    `saturation: model ${sat.modelRequestsPerSecond.toFixed(2)} requests/s, ${sat.modelOutputTokensPerSecond.toFixed(0)} output tokens/s at ${check.slots} slots; all-at-once run ${sat.measuredBurst.requestsPerSecond} requests/s, ${sat.measuredBurst.outputTokensPerSecond} tokens/s`,
  );
}
