import { type FormEvent, useState } from 'react';
import { apiPost } from '../../api';
import { Money } from '../../components/money';
import { Empty, ErrorMessage } from '../../components/states';
import { formatFen, formatTime, parseYuanInput } from '../../format';
import { useI18n } from '../../i18n';
import { useAction, useApi } from '../../use-api';
import { AdminPage, percentOfBp } from './common';
import { AdminTable, ItemsStates } from './table';
import type { Coupon } from './types';

/** A datetime-local value (the browser's local time) `days` from now. */
function localInput(days: number): string {
  const date = new Date(Date.now() + days * 86_400_000);
  date.setSeconds(0, 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** 优惠券: the coupons valid now, and a form for a new platform-wide one. */
export default function AdminCouponsPage() {
  const { t, lang } = useI18n();
  const coupons = useApi<{ items: readonly Coupon[] }>('/api/coupons');
  const [created, setCreated] = useState<string | undefined>(undefined);

  return (
    <AdminPage title={t('page.adminCoupons')}>
      <section className="admin-section" aria-labelledby="admin-coupon-new">
        <h2 id="admin-coupon-new" className="section-title">
          {t('admin.cp.newTitle')}
        </h2>
        <CouponForm
          onCreated={(coupon) => {
            setCreated(t('admin.cp.created', { code: coupon.code }));
            coupons.reload();
          }}
        />
        {created ? (
          <p className="notice" role="status">
            {created}
          </p>
        ) : null}
      </section>
      <section className="admin-section" aria-labelledby="admin-coupon-list">
        <h2 id="admin-coupon-list" className="section-title">
          {t('admin.cp.listTitle')}
        </h2>
        <ItemsStates resource={coupons} empty={<Empty>{t('admin.cp.none')}</Empty>} />
        {coupons.data && coupons.data.items.length > 0 ? (
          <AdminTable
            caption={t('admin.cp.listTitle')}
            columns={[
              t('admin.cp.code'),
              t('admin.cp.value'),
              { label: t('admin.cp.minSpend'), num: true },
              t('admin.cp.scope'),
              t('admin.cp.window'),
              { label: t('admin.cp.perUser'), num: true },
            ]}
          >
            {coupons.data.items.map((coupon) => (
              <tr key={coupon.id}>
                <td className="admin-mono">{coupon.code}</td>
                <td>
                  {coupon.kind === 'percent'
                    ? t('admin.cp.percentOff', { value: percentOfBp(coupon.value) })
                    : t('admin.cp.fixedOff', { value: formatFen(coupon.value) })}
                </td>
                <td className="num">
                  <Money fen={coupon.minSpendFen} />
                </td>
                <td>{coupon.merchantId ?? t('admin.cp.platform')}</td>
                <td>
                  {formatTime(coupon.startsAt, lang)} – {formatTime(coupon.endsAt, lang)}
                </td>
                <td className="num">{coupon.perUserLimit}</td>
              </tr>
            ))}
          </AdminTable>
        ) : null}
      </section>
    </AdminPage>
  );
}

function CouponForm({ onCreated }: { onCreated(coupon: Coupon): void }) {
  const { t } = useI18n();
  const action = useAction();
  const [code, setCode] = useState('');
  const [kind, setKind] = useState<'fixed' | 'percent'>('fixed');
  const [value, setValue] = useState('');
  const [minSpend, setMinSpend] = useState('0');
  const [startsAt, setStartsAt] = useState(() => localInput(0));
  const [endsAt, setEndsAt] = useState(() => localInput(30));
  const [perUser, setPerUser] = useState('1');
  const [invalid, setInvalid] = useState<string | undefined>(undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setInvalid(undefined);
    // Fixed coupons are typed in yuan and sent in fen; percent ones in % and sent in basis points.
    let amount: bigint | undefined;
    if (kind === 'fixed') amount = parseYuanInput(value);
    else {
      const match = /^\s*([0-9]{1,3})(?:\.([0-9]{0,2}))?\s*$/.exec(value);
      amount = match ? BigInt(match[1]!) * 100n + BigInt((match[2] ?? '').padEnd(2, '0')) : undefined;
      if (amount !== undefined && amount > 10_000n) amount = undefined;
    }
    const min = parseYuanInput(minSpend);
    if (amount === undefined || amount <= 0n) return setInvalid('value');
    if (min === undefined) return setInvalid('minSpend');
    const start = new Date(startsAt);
    const end = new Date(endsAt);
    if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return setInvalid('window');
    const result = await action.run(() =>
      apiPost<Coupon>('/api/coupons', {
        code: code.trim(),
        kind,
        value: amount.toString(),
        minSpendFen: min.toString(),
        startsAt: start.toISOString(),
        endsAt: end.toISOString(),
        perUserLimit: Number(perUser),
      }),
    );
    if (result !== undefined) {
      setCode('');
      setValue('');
      onCreated(result);
    }
  };

  return (
    <form className="admin-form" onSubmit={submit} noValidate={false}>
      <div className="field">
        <label htmlFor="cp-code">{t('admin.cp.code')}</label>
        <input
          id="cp-code"
          value={code}
          required
          maxLength={64}
          pattern="[A-Za-z0-9_\-]+"
          autoComplete="off"
          onChange={(event) => setCode(event.target.value)}
          aria-describedby="cp-code-hint"
        />
        <span id="cp-code-hint" className="hint">
          {t('admin.cp.codeHint')}
        </span>
      </div>
      <div className="field">
        <label htmlFor="cp-kind">{t('admin.cp.kind')}</label>
        <select
          id="cp-kind"
          value={kind}
          onChange={(event) => setKind(event.target.value as 'fixed' | 'percent')}
        >
          <option value="fixed">{t('admin.cp.kindFixed')}</option>
          <option value="percent">{t('admin.cp.kindPercent')}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="cp-value">
          {kind === 'fixed' ? t('admin.cp.valueYuan') : t('admin.cp.valuePercent')}
        </label>
        <input
          id="cp-value"
          inputMode="decimal"
          value={value}
          required
          aria-invalid={invalid === 'value'}
          onChange={(event) => setValue(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="cp-min">{t('admin.cp.minSpendYuan')}</label>
        <input
          id="cp-min"
          inputMode="decimal"
          value={minSpend}
          required
          aria-invalid={invalid === 'minSpend'}
          onChange={(event) => setMinSpend(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="cp-start">{t('admin.cp.startsAt')}</label>
        <input
          id="cp-start"
          type="datetime-local"
          value={startsAt}
          required
          aria-invalid={invalid === 'window'}
          onChange={(event) => setStartsAt(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="cp-end">{t('admin.cp.endsAt')}</label>
        <input
          id="cp-end"
          type="datetime-local"
          value={endsAt}
          required
          aria-invalid={invalid === 'window'}
          onChange={(event) => setEndsAt(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="cp-per-user">{t('admin.cp.perUser')}</label>
        <input
          id="cp-per-user"
          type="number"
          min={1}
          max={1000}
          value={perUser}
          required
          onChange={(event) => setPerUser(event.target.value)}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={action.busy} aria-busy={action.busy}>
          {action.busy ? t('state.loading') : t('admin.cp.create')}
        </button>
        {invalid ? (
          <span className="admin-bad" role="alert">
            {t(`admin.cp.invalid.${invalid as 'value' | 'minSpend' | 'window'}`)}
          </span>
        ) : null}
      </div>
      {action.error ? (
        <div className="form-actions">
          <ErrorMessage error={action.error} />
        </div>
      ) : null}
    </form>
  );
}
