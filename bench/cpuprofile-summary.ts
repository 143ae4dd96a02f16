/**
 * Summarises a V8 .cpuprofile (node --cpu-prof): the functions with the most self time, and self
 * time per file, with positions in dist/ mapped back to src/*.ts through the build's source maps.
 *
 *   npx tsx bench/cpuprofile-summary.ts <file.cpuprofile> [top=25]
 */
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { root } from './processes.js';
import { num, table } from './report.js';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const maps = new Map<string, SourceMap | null>();

function sourceMapOf(url: string): SourceMap | null {
  if (!maps.has(url)) {
    let map: SourceMap | null = null;
    try {
      const file = fileURLToPath(url);
      if (existsSync(`${file}.map`)) map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
    } catch {
      map = null;
    }
    maps.set(url, map);
  }
  return maps.get(url) ?? null;
}

/** "src/services/comparison.ts:123" for built files, "node_modules/zod/…:45" otherwise. */
export function location(frame: CallFrame): string {
  if (!frame.url) return '(native)';
  const map = frame.url.startsWith('file:') ? sourceMapOf(frame.url) : null;
  if (map) {
    const entry = map.findEntry(frame.lineNumber, frame.columnNumber) as { originalSource?: string; originalLine?: number };
    if (entry.originalSource) {
      const src = entry.originalSource.startsWith('file:')
        ? fileURLToPath(entry.originalSource)
        : new URL(entry.originalSource, frame.url).pathname;
      return `${relative(root, src)}:${(entry.originalLine ?? 0) + 1}`;
    }
  }
  const path = frame.url.startsWith('file:') ? relative(root, fileURLToPath(frame.url)) : frame.url;
  return `${path}:${frame.lineNumber + 1}`;
}

/** The package (node_modules/<name>), the project file, or the Node internal a location belongs to. */
function area(loc: string): string {
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(loc);
  if (nm) return `node_modules/${nm[1]}`;
  if (loc.startsWith('node:')) return 'node: internals';
  if (loc.startsWith('(')) return loc;
  return loc.replace(/:\d+$/, '');
}

export interface ProfileSummary {
  totalMs: number;
  idleMs: number;
  gcMs: number;
  topFunctions: { name: string; location: string; selfMs: number; selfPct: number }[];
  /** Time with the function anywhere on the stack (each sample counted once per function), project code and its HTTP glue. */
  inclusive: { name: string; location: string; totalMs: number; totalPct: number }[];
  byArea: { area: string; selfMs: number; selfPct: number }[];
}

export function summariseProfile(file: string, top = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const locOf = new Map<number, string>();
  const keyOf = (id: number) => {
    let loc = locOf.get(id);
    if (loc === undefined) {
      loc = location((byId.get(id) as ProfileNode).callFrame);
      locOf.set(id, loc);
    }
    return loc;
  };
  const inclusiveUs = new Map<string, { name: string; location: string; us: number }>();
  profile.samples.forEach((leaf, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    const seen = new Set<string>();
    for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) {
      const frame = (byId.get(id) as ProfileNode).callFrame;
      const loc = keyOf(id);
      if (!(loc.startsWith('src/') || loc.includes('fastify-type-provider-zod') || loc.includes('secure-json-parse'))) continue;
      const key = `${frame.functionName}@${loc}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const e = inclusiveUs.get(key) ?? { name: frame.functionName || '(anonymous)', location: loc, us: 0 };
      e.us += delta;
      inclusiveUs.set(key, e);
    }
  });
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const fns = new Map<string, { name: string; location: string; us: number }>();
  const areas = new Map<string, number>();
  let totalUs = 0;
  let idleUs = 0;
  let gcUs = 0;
  for (const [id, us] of selfUs) {
    const frame = (byId.get(id) as ProfileNode).callFrame;
    totalUs += us;
    if (frame.functionName === '(idle)') {
      idleUs += us;
      continue;
    }
    if (frame.functionName === '(garbage collector)') gcUs += us;
    const loc = location(frame);
    const key = `${frame.functionName}@${loc}`;
    const f = fns.get(key) ?? { name: frame.functionName || '(anonymous)', location: loc, us: 0 };
    f.us += us;
    fns.set(key, f);
    const a = frame.functionName.startsWith('(') ? frame.functionName : area(loc);
    areas.set(a, (areas.get(a) ?? 0) + us);
  }
  const busyUs = totalUs - idleUs;
  const pct = (us: number) => (100 * us) / Math.max(1, busyUs);
  return {
    totalMs: totalUs / 1000,
    idleMs: idleUs / 1000,
    gcMs: gcUs / 1000,
    topFunctions: [...fns.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({ name: f.name, location: f.location, selfMs: f.us / 1000, selfPct: pct(f.us) })),
    inclusive: [...inclusiveUs.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({ name: f.name, location: f.location, totalMs: f.us / 1000, totalPct: pct(f.us) })),
    byArea: [...areas.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([a, us]) => ({ area: a, selfMs: us / 1000, selfPct: pct(us) })),
  };
}

export function renderSummary(s: ProfileSummary): string {
  return [
    `profiled ${num(s.totalMs)} ms: busy ${num(s.totalMs - s.idleMs)} ms, idle ${num(s.idleMs)} ms, GC ${num(s.gcMs)} ms (percentages of busy time)`,
    '',
    table(
      ['function (self time)', 'location', 'self ms', '%'],
      s.topFunctions.map((f) => [f.name, f.location, num(f.selfMs), num(f.selfPct, 1)]),
    ),
    '',
    table(
      ['function (inclusive, src/ and HTTP glue)', 'location', 'total ms', '%'],
      s.inclusive.map((f) => [f.name, f.location, num(f.totalMs), num(f.totalPct, 1)]),
    ),
    '',
    table(
      ['file or package (self time)', 'self ms', '%'],
      s.byArea.map((a) => [a.area, num(a.selfMs), num(a.selfPct, 1)]),
    ),
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: npx tsx bench/cpuprofile-summary.ts <file.cpuprofile> [top]\n');
    process.exit(2);
  }
  process.stdout.write(`${renderSummary(summariseProfile(file, Number(process.argv[3] ?? 25)))}\n`);
}
