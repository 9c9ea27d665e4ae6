/**
 * `npm run bench:engine`: the economy engine's speed in one run (issue 8). Prints orders/s with 1k and
 * with 1M holders, one dividend run over 1M holders and a forced-exit cascade of 100k exits, each with
 * its target. Not a test: it asserts nothing and never runs in `npm test`.
 */
import { cpus, totalmem } from 'node:os';
import {
  applyCommand,
  createState,
  DEFAULT_PARAMS,
  type EconomyParams,
  type EconomyState,
} from '../src/economy/index.js';
import { SeededRandom } from '../src/simulate/random.js';

const ORDERS_MEASURED = 1_000_000;

function seconds(startNs: bigint): number {
  return Number(process.hrtime.bigint() - startNs) / 1e9;
}

function makeParams(overrides: Partial<EconomyParams>): EconomyParams {
  return { ...DEFAULT_PARAMS, ...overrides };
}

/** One first order for each of `holders` members, so that many consumers hold points. */
function seedHolders(state: EconomyState, holders: number, random: SeededRandom): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < holders; i++) {
    applyCommand(state, {
      type: 'order',
      member: `m${i}`,
      amount: BigInt(random.int(990, 200_000)),
      profit: 500n,
    });
  }
  return holders / seconds(start);
}

/** Repeat orders by random existing holders, with profit; exits happen as they would. */
function measureOrders(state: EconomyState, holders: number, random: SeededRandom): number {
  const members = Array.from({ length: holders }, (_, i) => `m${i}`);
  const amounts = Array.from({ length: 1024 }, () => BigInt(random.int(990, 200_000)));
  const picks = Array.from({ length: ORDERS_MEASURED }, () => members[random.int(0, holders - 1)]!);
  const start = process.hrtime.bigint();
  for (let i = 0; i < ORDERS_MEASURED; i++) {
    const amount = amounts[i & 1023]!;
    applyCommand(state, { type: 'order', member: picks[i]!, amount, profit: amount / 4n });
  }
  return ORDERS_MEASURED / seconds(start);
}

function ordersAt(holders: number): { seedPerSecond: number; ordersPerSecond: number; state: EconomyState } {
  const random = new SeededRandom(holders);
  const state = createState();
  const seedPerSecond = seedHolders(state, holders, random);
  global.gc?.();
  const ordersPerSecond = measureOrders(state, holders, random);
  return { seedPerSecond, ordersPerSecond, state };
}

function dividendRun(state: EconomyState): { seconds: number; holders: number; paid: bigint } {
  const start = process.hrtime.bigint();
  const effects = applyCommand(state, { type: 'dividends' });
  const elapsed = seconds(start);
  const ran = effects.events.find((e) => e.type === 'dividends.ran');
  return {
    seconds: elapsed,
    holders: ran?.type === 'dividends.ran' ? Number(ran.holders) : 0,
    paid: ran?.type === 'dividends.ran' ? ran.paid : 0n,
  };
}

/** 100k holders bought with exits off and a small quota; turning exits on sells every one of them out. */
function cascade(holders: number): { seconds: number; exits: number } {
  const state = createState(makeParams({ exitEnabled: false, quotaMultiplier: 1000n }));
  const random = new SeededRandom(7);
  seedHolders(state, holders, random);
  applyCommand(state, { type: 'params', params: makeParams({ exitEnabled: true, quotaMultiplier: 1000n }) });
  global.gc?.();
  const start = process.hrtime.bigint();
  const effects = applyCommand(state, { type: 'order', member: 'trigger', amount: 10_000n });
  const elapsed = seconds(start);
  return { seconds: elapsed, exits: effects.events.filter((e) => e.type === 'member.exited').length };
}

function verdict(ok: boolean): string {
  return ok ? 'meets target' : 'MISSES target';
}

const line = (text: string) => process.stdout.write(`${text}\n`);
line(
  `machine: ${cpus().length} x ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`,
);
const small = ordersAt(1_000);
line(`orders/s at 1k holders:  ${Math.round(small.ordersPerSecond)} (${ORDERS_MEASURED} orders)`);
const large = ordersAt(1_000_000);
line(
  `orders/s at 1M holders:  ${Math.round(large.ordersPerSecond)} (${ORDERS_MEASURED} orders; seeding 1M new holders ran at ${Math.round(large.seedPerSecond)}/s)`,
);
line(`  target >= 200000: ${verdict(large.ordersPerSecond >= 200_000)}`);
const slowdown = small.ordersPerSecond / large.ordersPerSecond;
line(`  1k/1M ratio: ${slowdown.toFixed(2)} (target <= 1.5: ${verdict(slowdown <= 1.5)})`);
const dividends = dividendRun(large.state);
line(
  `dividend run over ${large.state.holders.size} holders: ${dividends.seconds.toFixed(2)} s, paid ${dividends.paid} fen to ${dividends.holders}`,
);
line(`  target < 3 s: ${verdict(dividends.seconds < 3)}`);
const exits = cascade(100_000);
line(`forced-exit cascade: ${exits.exits} exits in ${exits.seconds.toFixed(2)} s`);
line(`  target 100k exits < 2 s: ${verdict(exits.exits >= 100_000 && exits.seconds < 2)}`);
