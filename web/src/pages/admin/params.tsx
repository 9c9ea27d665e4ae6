import { type MessageKey, useI18n } from '../../i18n';
import { PARAM_NAMES, type ParamName, type Params } from './types';

/** Each parameter's unit, shown under its field. */
const UNIT: Record<ParamName, MessageKey> = {
  issuePrice: 'admin.eco.unit.fenPerPoint',
  reserveRate: 'admin.eco.unit.bp',
  awardRate: 'admin.eco.unit.bp',
  referralRate: 'admin.eco.unit.bp',
  sellFeeRate: 'admin.eco.unit.bp',
  convertFeeRate: 'admin.eco.unit.bp',
  quotaMultiplier: 'admin.eco.unit.multiplier',
  dividendRate: 'admin.eco.unit.bp',
  supplyCap: 'admin.eco.unit.micro',
  exitEnabled: 'admin.eco.unit.switch',
};

/** The form values: integers as typed text, exitEnabled as a boolean. */
export type ParamDraft = Record<ParamName, string | boolean>;

export function draftOf(params: Params): ParamDraft {
  return Object.fromEntries(PARAM_NAMES.map((name) => [name, params[name] ?? ''])) as ParamDraft;
}

/** The parameters whose draft differs from `params`, as the body of a PUT or a what-if. */
export function changesOf(params: Params, draft: ParamDraft): Partial<Record<ParamName, string | boolean>> {
  const changes: Partial<Record<ParamName, string | boolean>> = {};
  for (const name of PARAM_NAMES) {
    const value = typeof draft[name] === 'string' ? (draft[name] as string).trim() : draft[name];
    if (value !== params[name]) changes[name] = value;
  }
  return changes;
}

/** The ten parameter fields, used by the parameters form and the what-if form. */
export function ParamFields({
  draft,
  onChange,
  idPrefix,
  current,
}: {
  draft: ParamDraft;
  onChange(draft: ParamDraft): void;
  idPrefix: string;
  current?: Params | undefined;
}) {
  const { t } = useI18n();
  return (
    <>
      {PARAM_NAMES.map((name) => {
        const id = `${idPrefix}-${name}`;
        const value = draft[name];
        const changed =
          current !== undefined && value !== current[name] && String(value).trim() !== current[name];
        if (typeof value === 'boolean') {
          return (
            <div className="field" key={name}>
              <label htmlFor={id}>
                {t(`admin.param.${name}`)} <span className="muted admin-mono">{name}</span>
              </label>
              <select
                id={id}
                value={value ? 'true' : 'false'}
                aria-describedby={`${id}-hint`}
                onChange={(event) => onChange({ ...draft, [name]: event.target.value === 'true' })}
              >
                <option value="true">{t('admin.eco.on')}</option>
                <option value="false">{t('admin.eco.off')}</option>
              </select>
              <span id={`${id}-hint`} className="hint">
                {t(UNIT[name])}
                {changed ? ` · ${t('admin.eco.changed')}` : ''}
              </span>
            </div>
          );
        }
        return (
          <div className="field" key={name}>
            <label htmlFor={id}>
              {t(`admin.param.${name}`)} <span className="muted admin-mono">{name}</span>
            </label>
            <input
              id={id}
              inputMode="numeric"
              value={value}
              required
              pattern="-?[0-9]+"
              aria-describedby={`${id}-hint`}
              onChange={(event) => onChange({ ...draft, [name]: event.target.value })}
            />
            <span id={`${id}-hint`} className="hint">
              {t(UNIT[name])}
              {changed ? ` · ${t('admin.eco.changed')}` : ''}
            </span>
          </div>
        );
      })}
    </>
  );
}
