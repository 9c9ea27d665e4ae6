/**
 * One start-up in a fresh process, as a restarted server does it: `node startup-child.js URL` times
 * loadLedgerState (the latest snapshot, then the replay after it, then the stored balances) and prints
 * one JSON line. A child process so that the parent's memory does not help or hurt, and an out-of-memory
 * here ends only this child.
 */
import { loadLedgerState, openStore } from '../../src/ledger/index.js';

const url = process.argv[2];
if (url === undefined) throw new Error('usage: startup-child.js STORE_URL');
const store = openStore(url, { writer: false });
try {
  global.gc?.();
  const start = process.hrtime.bigint();
  const state = await loadLedgerState(store);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  process.stdout.write(
    `${JSON.stringify({
      seconds,
      head: state.head.seq.toString(),
      holders: state.economy.holders.size,
      maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    })}\n`,
  );
} finally {
  await store.close();
}
