/** What-if: the economy's future under a workload and current or proposed parameters, on a copy (pure). */
export {
  checkWorkload,
  simulateWhatIf,
  WHAT_IF_LIMITS,
  type WhatIfDay,
  type WhatIfResult,
  WhatIfTooLarge,
  type WhatIfTotals,
  type WhatIfWorkload,
  whatIfSteps,
} from './simulate.js';
