import { MallError } from '../mall/errors.js';
import type { Mall } from '../mall/mall.js';
import { cancelOrder, completeOrder } from './lifecycle.js';

/** Orders handled per run of each job, so one run never holds the writer for long. */
const JOB_BATCH_MAX = 500;

/**
 * The mall's timed jobs: cancels orders unpaid past their `pay_by`, completes orders delivered more
 * than `autoCompleteDays` ago. Each order is its own unit with the same conditional moves and journal
 * key as the manual actions, so a race with the buyer (or another node's scheduler) applies once.
 */
export async function runDueOrderJobs(mall: Mall): Promise<{ cancelled: number; completed: number }> {
  const now = mall.clock.now();
  const due = await mall.read
    .selectFrom('orders')
    .select('id')
    .where('status', '=', 'pending_payment')
    .where('pay_by', '<=', now.toISOString())
    .orderBy('pay_by')
    .limit(JOB_BATCH_MAX)
    .execute();
  const deliveredBefore = new Date(now.getTime() - mall.settings.autoCompleteDays * 86_400_000).toISOString();
  const delivered = await mall.read
    .selectFrom('orders')
    .select('id')
    .where('status', '=', 'delivered')
    .where('delivered_at', '<=', deliveredBefore)
    .orderBy('delivered_at')
    .limit(JOB_BATCH_MAX)
    .execute();
  const outcomes = await Promise.all([
    ...due.map((o) =>
      settled(
        mall.write((tx) => cancelOrder(tx, o.id, 'system')),
        'cancelled',
      ),
    ),
    ...delivered.map((o) =>
      settled(
        mall.write((tx) => completeOrder(tx, o.id, 'system')),
        'completed',
      ),
    ),
  ]);
  return {
    cancelled: outcomes.filter((o) => o === 'cancelled').length,
    completed: outcomes.filter((o) => o === 'completed').length,
  };
}

/** A job lost to a race (the buyer paid or confirmed first) is not an error. */
async function settled<T>(work: Promise<T>, done: 'cancelled' | 'completed'): Promise<string> {
  try {
    await work;
    return done;
  } catch (error) {
    if (error instanceof MallError && error.code === 'ORDER_WRONG_STATE') return 'lost';
    throw error;
  }
}

/** Runs the jobs every `intervalMs` until stopped; a failed run is logged and retried next time. */
export function startOrderScheduler(
  mall: Mall,
  intervalMs: number,
  log: (message: string) => void,
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    runDueOrderJobs(mall)
      .catch((error: unknown) => log(`order jobs failed: ${(error as Error).message}`))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
