import {
  applyCommand,
  commandFromInput,
  createState,
  DEFAULT_PARAMS,
  type EconomyCommand,
  type EconomyEvent,
  type EconomyState,
  paramsFromInput,
} from '../economy/index.js';

/** A forced exit as `simulate --json` lists it. */
export interface ExitRecord {
  readonly member: string;
  readonly points: bigint;
  readonly net: bigint;
}

/** Why a scenario stopped: `event` is the index of the bad event, or null for bad parameters. */
export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
  constructor(
    readonly event: number | null,
    readonly reason: string,
  ) {
    super(event === null ? `params: ${reason}` : `event ${event}: ${reason}`);
  }
}

export interface ScenarioRun {
  readonly state: EconomyState;
  readonly exits: ExitRecord[];
}

export interface ScenarioObserver {
  afterEvent?(
    index: number,
    command: EconomyCommand,
    events: readonly EconomyEvent[],
    state: EconomyState,
  ): void;
}

/**
 * Runs a scenario file's object (SPEC.md "Scenario files"): `params` merged over the defaults, then
 * each event through the engine. The first invalid event stops the run.
 * @throws ScenarioError
 */
export function runScenario(scenario: unknown, observer: ScenarioObserver = {}): ScenarioRun {
  if (typeof scenario !== 'object' || scenario === null || Array.isArray(scenario)) {
    throw new ScenarioError(null, 'a scenario must be a JSON object with "events"');
  }
  const { params: paramsInput = {}, events, ...rest } = scenario as Record<string, unknown>;
  const unknownKeys = Object.keys(rest);
  if (unknownKeys.length > 0) throw new ScenarioError(null, `unknown scenario field ${unknownKeys[0]}`);
  let state: EconomyState;
  try {
    state = createState(paramsFromInput(paramsInput, DEFAULT_PARAMS));
  } catch (error) {
    throw new ScenarioError(null, reasonOf(error));
  }
  if (!Array.isArray(events)) throw new ScenarioError(null, '"events" must be an array');
  const exits: ExitRecord[] = [];
  events.forEach((input, index) => {
    let effects: ReturnType<typeof applyCommand>;
    let command: EconomyCommand;
    try {
      command = commandFromInput(input, { paramsBase: state.params });
      effects = applyCommand(state, command);
    } catch (error) {
      throw new ScenarioError(index, reasonOf(error));
    }
    for (const event of effects.events) {
      if (event.type === 'member.exited')
        exits.push({ member: event.member, points: event.points, net: event.net });
    }
    observer.afterEvent?.(index, command, effects.events, state);
  });
  return { state, exits };
}

function reasonOf(error: unknown): string {
  if (error instanceof Error && (error.name === 'EconomyError' || error.name === 'CommandInputError')) {
    const code = (error as { code?: string }).code;
    return code === undefined ? error.message : `${code}: ${error.message}`;
  }
  throw error;
}
