import { MICRO_PER_POINT } from '../economy/index.js';

/** A member level (会员等级) reached by holding at least `minPointsMicro` equity points. */
export interface Level {
  readonly name: string;
  readonly nameEn: string;
  readonly minPointsMicro: bigint;
}

const LEVELS_MAX = 50;
const ENTRY_PATTERN = /^([^/:,]{1,40})\/([^/:,]{1,40}):(0|[1-9][0-9]{0,12})$/;

/**
 * Parses the levels setting (`name/英文名:minPoints,...`, whole points, strictly ascending, the first at
 * 0 so everyone has a level). Bad text throws an Error naming the bad part: it is read once at startup.
 */
export function parseLevels(text: string): readonly Level[] {
  const entries = text.split(',').map((part) => part.trim());
  if (entries.length === 0 || entries.length > LEVELS_MAX)
    throw new Error(`levels: 1 to ${LEVELS_MAX} entries, got ${entries.length}`);
  const levels: Level[] = [];
  for (const entry of entries) {
    const match = ENTRY_PATTERN.exec(entry);
    if (match === null) throw new Error(`levels: "${entry}" is not name/English name:minPoints`);
    const minPointsMicro = BigInt(match[3] ?? '') * MICRO_PER_POINT;
    const previous = levels.at(-1);
    if (previous !== undefined && minPointsMicro <= previous.minPointsMicro)
      throw new Error(`levels: "${entry}" must need more points than the level before`);
    levels.push({ name: (match[1] ?? '').trim(), nameEn: (match[2] ?? '').trim(), minPointsMicro });
  }
  if (levels[0]?.minPointsMicro !== 0n) throw new Error('levels: the first level starts at 0 points');
  return levels;
}

/** The highest level whose threshold `pointsMicro` reaches (levels as parseLevels returns them). */
export function levelOf(levels: readonly Level[], pointsMicro: bigint): Level {
  let reached = levels[0];
  if (reached === undefined) throw new Error('assertion failed: no levels');
  for (const level of levels) if (pointsMicro >= level.minPointsMicro) reached = level;
  return reached;
}

/** A level as JSON: names and the threshold as a decimal string of µpt. */
export interface LevelView {
  name: string;
  nameEn: string;
  minPointsMicro: string;
}

export const levelView = (level: Level): LevelView => ({
  name: level.name,
  nameEn: level.nameEn,
  minPointsMicro: level.minPointsMicro.toString(),
});

const parsed = new Map<string, readonly Level[]>();

/** parseLevels, once per distinct setting text. */
export function configuredLevels(text: string): readonly Level[] {
  let levels = parsed.get(text);
  if (levels === undefined) parsed.set(text, (levels = parseLevels(text)));
  return levels;
}
