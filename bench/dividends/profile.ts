/**
 * A CPU profile of one stretch of the benchmark (node:inspector in this process, no extra flags), and
 * where its samples fall: self time by function and by source file. The main thread only: a PostgreSQL
 * server's work shows as idle time here.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { PerformanceObserver, performance } from 'node:perf_hooks';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileSummary {
  readonly totalMs: number;
  readonly byFunction: { readonly name: string; readonly ms: number }[];
  readonly byFile: { readonly name: string; readonly ms: number }[];
}

/** Starts sampling every 200 µs; `stop` ends it, optionally saves the profile, and summarises it. */
export async function startProfile(): Promise<(out?: string) => Promise<ProfileSummary>> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  return async (out) => {
    const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: CpuProfile };
    session.disconnect();
    if (out !== undefined) writeFileSync(out, JSON.stringify(profile));
    return summarise(profile);
  };
}

function fileOf(url: string): string {
  if (url === '') return '(native or V8)';
  const at = url.search(/\/(src|bench|node_modules)\//);
  return at >= 0 ? url.slice(at + 1) : url.replace(/^file:\/\//, '');
}

function summarise(profile: CpuProfile): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // timeDeltas[i] is the time before sample i: the time a sample stands for is the next one's delta.
  for (let i = 0; i < samples.length; i++) {
    const us = deltas[i + 1] ?? 0;
    selfUs.set(samples[i]!, (selfUs.get(samples[i]!) ?? 0) + us);
  }
  const functions = new Map<string, number>();
  const files = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    const file = fileOf(frame.url);
    const name = `${frame.functionName || '(anonymous)'}${frame.url === '' ? '' : ` ${file}:${frame.lineNumber + 1}`}`;
    functions.set(name, (functions.get(name) ?? 0) + us);
    files.set(file, (files.get(file) ?? 0) + us);
  }
  const sorted = (map: Map<string, number>) =>
    [...map].map(([name, us]) => ({ name, ms: us / 1000 })).sort((a, b) => b.ms - a.ms);
  return {
    totalMs: (profile.endTime - profile.startTime) / 1000,
    byFunction: sorted(functions),
    byFile: sorted(files),
  };
}

/**
 * Garbage-collection pauses (count, total, longest) from this call until the returned function is
 * called. V8 reports them after the fact, so that function waits a moment for the last ones.
 */
export function watchGc(): () => Promise<{ pauses: number; ms: number; longestMs: number }> {
  const seen: { startTime: number; duration: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) seen.push(entry);
  });
  observer.observe({ entryTypes: ['gc'] });
  const from = performance.now();
  return async () => {
    const until = performance.now();
    await new Promise((resume) => setTimeout(resume, 20));
    seen.push(...observer.takeRecords());
    observer.disconnect();
    const pauses = seen.filter((e) => e.startTime >= from && e.startTime <= until);
    return {
      pauses: pauses.length,
      ms: pauses.reduce((sum, e) => sum + e.duration, 0),
      longestMs: pauses.reduce((longest, e) => Math.max(longest, e.duration), 0),
    };
  };
}
