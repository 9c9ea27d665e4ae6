/**
 * Where the CPU went during a measured window, from Linux's /proc: the server process, this process
 * (the load generator), and the whole machine (which includes PostgreSQL's backends). Shares are of one
 * core: 100% is one core busy all the time.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';

const TICKS_PER_SECOND = 100;

/** The processes a mark reads: the mall's server, and PostgreSQL's postmaster (its backends included). */
export interface CpuTargets {
  readonly serverPid: number;
  readonly databasePid?: number | undefined;
}

export interface Mark {
  readonly atMs: number;
  readonly serverTicks: number;
  readonly databaseTicks: number;
  readonly selfMicros: number;
  readonly machineBusy: number;
  readonly machineTotal: number;
}

export interface CpuShares {
  /** The server process, in % of one core. */
  readonly serverPercent: number;
  /** PostgreSQL's processes, in % of one core (NaN on SQLite, which runs inside the server). */
  readonly databasePercent: number;
  /** This process (autocannon and the chain bookkeeping), in % of one core. */
  readonly loadPercent: number;
  /** Every process on the machine, in % of one core (at most 100 x the core count). */
  readonly machinePercent: number;
}

/** The fields of /proc/PID/stat after the command name (which may hold spaces): state is [0]. */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** User and system CPU ticks of one process, all its threads. */
function processTicks(pid: number): number {
  const fields = statFields(pid);
  return fields === undefined ? Number.NaN : Number(fields[11]) + Number(fields[12]);
}

/** A process and its direct children (PostgreSQL's backends are the postmaster's children). */
function familyTicks(pid: number): number {
  let ticks = processTicks(pid);
  for (const name of readdirSync('/proc')) {
    if (!/^[0-9]+$/.test(name)) continue;
    const fields = statFields(Number(name));
    if (fields !== undefined && Number(fields[1]) === pid) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks;
}

function machineTicks(): { busy: number; total: number } {
  try {
    const first = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const values = first.trim().split(/\s+/).slice(1).map(Number);
    const total = values.reduce((a, b) => a + b, 0);
    const idle = (values[3] ?? 0) + (values[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return { busy: Number.NaN, total: Number.NaN };
  }
}

export function cpuMark(targets: CpuTargets): Mark {
  const machine = machineTicks();
  return {
    atMs: performance.now(),
    serverTicks: processTicks(targets.serverPid),
    databaseTicks: targets.databasePid === undefined ? Number.NaN : familyTicks(targets.databasePid),
    selfMicros: process.cpuUsage().user + process.cpuUsage().system,
    machineBusy: machine.busy,
    machineTotal: machine.total,
  };
}

export function cpuShares(from: Mark, to: Mark): CpuShares {
  const seconds = (to.atMs - from.atMs) / 1000;
  const machineShare = (to.machineBusy - from.machineBusy) / Math.max(1, to.machineTotal - from.machineTotal);
  return {
    serverPercent: ((to.serverTicks - from.serverTicks) / TICKS_PER_SECOND / seconds) * 100,
    databasePercent: ((to.databaseTicks - from.databaseTicks) / TICKS_PER_SECOND / seconds) * 100,
    loadPercent: ((to.selfMicros - from.selfMicros) / 1e6 / seconds) * 100,
    machinePercent: machineShare * cpus().length * 100,
  };
}

/** How busy the machine is with nothing of ours running, in % of one core, over `ms`. */
export async function machineBusyPercent(ms: number): Promise<number> {
  const before = machineTicks();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = machineTicks();
  return ((after.busy - before.busy) / Math.max(1, after.total - before.total)) * cpus().length * 100;
}
