/** SPEC.md's founding example: 100 buyers (c001..c100) of one 100-yuan bottle of wine, default parameters. */
export function foundingExampleScenario(): { events: { type: 'order'; member: string; amount: number }[] } {
  const events = [];
  for (let buyer = 1; buyer <= 100; buyer++) {
    events.push({ type: 'order' as const, member: `c${String(buyer).padStart(3, '0')}`, amount: 10_000 });
  }
  return { events };
}
