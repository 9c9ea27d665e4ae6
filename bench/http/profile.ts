/**
 * A V8 CPU profile (`node --cpu-prof`) summed up as text: the functions with the most self time, and
 * self time per place (a package under node_modules, a folder of our compiled code, node's internals,
 * the garbage collector, idle).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
  };
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Where a script lives, short: `fastify/lib/route.js`, `src/orders/checkout.js`, `node:internal/...`. */
function shortUrl(url: string): string {
  if (url === '') return '';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) return url.slice(modules + '/node_modules/'.length);
  const dist = url.indexOf('/dist/');
  if (dist >= 0) return url.slice(dist + '/dist/'.length);
  return url.replace(/^file:\/\//, '');
}

/** The place a function belongs to, for the per-place totals. */
function placeOf(name: string, url: string): string {
  if (url === '') return name.startsWith('(') ? name : '(native)';
  const short = shortUrl(url);
  if (short.startsWith('node:')) return 'node internals';
  const parts = short.split('/');
  if (url.includes('/node_modules/'))
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  if (parts[0] === 'src' && parts.length > 2) return `src/${parts[1]}`;
  return parts.slice(0, -1).join('/') || short;
}

export interface ProfileSummary {
  readonly totalMs: number;
  readonly functions: readonly { name: string; selfMs: number }[];
  readonly places: readonly { place: string; selfMs: number }[];
}

export function summarizeProfile(profile: CpuProfile, top: number): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const functions = new Map<string, number>();
  const places = new Map<string, number>();
  let totalUs = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)?.callFrame;
    if (frame === undefined) continue;
    totalUs += us;
    const name = frame.functionName || '(anonymous)';
    const where = frame.url === '' ? '' : ` ${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
    const key = `${name}${where}`;
    functions.set(key, (functions.get(key) ?? 0) + us);
    const place = placeOf(name, frame.url);
    places.set(place, (places.get(place) ?? 0) + us);
  }
  const sorted = <K>(map: Map<K, number>) => [...map].sort((a, b) => b[1] - a[1]).slice(0, top);
  return {
    totalMs: totalUs / 1000,
    functions: sorted(functions).map(([name, us]) => ({ name, selfMs: us / 1000 })),
    places: sorted(places).map(([place, us]) => ({ place, selfMs: us / 1000 })),
  };
}

/** The one profile the server wrote into `dir` (it writes it when it exits). */
export function readProfile(dir: string): CpuProfile {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  if (files.length !== 1) throw new Error(`expected one .cpuprofile in ${dir}, found ${files.length}`);
  return JSON.parse(readFileSync(join(dir, files[0]!), 'utf8')) as CpuProfile;
}

export function profileLines(summary: ProfileSummary): string[] {
  const share = (ms: number) => `${((ms / summary.totalMs) * 100).toFixed(1)}%`;
  return [
    `server CPU profile: ${(summary.totalMs / 1000).toFixed(1)} s sampled (its whole life: setup, warm-ups, phases)`,
    `  self time by place: ${summary.places.map((p) => `${p.place} ${share(p.selfMs)}`).join(', ')}`,
    '  top functions by self time:',
    ...summary.functions.map((f) => `    ${share(f.selfMs).padStart(6)}  ${f.name}`),
  ];
}
