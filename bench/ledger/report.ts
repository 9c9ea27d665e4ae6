/** Printing helpers for the ledger benchmark. */
import type { WriteProfile } from './workload.js';

export const line = (text = '') => process.stdout.write(`${text}\n`);

export function seconds(startNs: bigint): number {
  return Number(process.hrtime.bigint() - startNs) / 1e9;
}

export function int(value: number): string {
  return String(Math.round(value));
}

export function verdict(ok: boolean): string {
  return ok ? 'meets target' : 'MISSES target';
}

export function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

/** Percentiles (0..1) of nanosecond samples, in milliseconds. */
export function percentilesMs(samples: Float64Array, quantiles: readonly number[]): number[] {
  const sorted = Float64Array.from(samples).sort();
  return quantiles.map((q) => {
    const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
    return (sorted[index] ?? 0) / 1e6;
  });
}

/** One line per part of the sequencer's time, as seconds and a share of the run's wall time. */
export function profileLines(profile: WriteProfile, wallSeconds: number): string[] {
  const part = (label: string, ns: number) =>
    `${label} ${(ns / 1e9).toFixed(2)} s (${((ns / 1e9 / wallSeconds) * 100).toFixed(0)}%)`;
  const outside = wallSeconds * 1e9 - profile.batchNs - profile.snapshotWriteNs - profile.snapshotBuildNs;
  const lines = [
    `batches: ${profile.batches}, ${int(profile.commands / Math.max(1, profile.batches))} commands each on average (largest ${profile.largestBatch}), ${(profile.balances / Math.max(1, profile.entries)).toFixed(2)} balance upserts per entry`,
    `where the wall time goes: ${[
      part('engine+hashing+JCS', profile.engineNs),
      part('key lookups', profile.lookupNs),
      part('catch-up reads', profile.catchUpNs),
      part('journal inserts', profile.insertNs),
      part('balance upserts', profile.upsertNs),
      part('begin/lock/commit+fsync', profile.beginCommitNs),
    ].join(', ')}`,
  ];
  if (profile.snapshots > 0) {
    lines.push(
      `snapshots: ${profile.snapshots} of ${mib(profile.snapshotBytes / profile.snapshots)} each, ${part('building them', profile.snapshotBuildNs)}, ${part('writing them', profile.snapshotWriteNs)} (the sequencer waits for both)`,
    );
  }
  lines.push(part('outside transactions (linger, answering callers, the bench loop):', outside));
  return lines;
}
