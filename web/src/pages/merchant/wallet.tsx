import { type FormEvent, useId, useRef, useState } from 'react';
import { apiPost, newIdempotencyKey } from '../../api';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { PageTitle } from '../../components/layout';
import { Money, Points, Stable } from '../../components/money';
import { Empty, ErrorMessage, Loading } from '../../components/states';
import { formatFen, formatPointsMicro, formatStable, formatTime, parseYuanInput } from '../../format';
import { type MessageKey, useI18n, useT } from '../../i18n';
import type { PageProps } from '../../routes';
import { type Resource, useAction, useApi } from '../../use-api';
import {
  exactPrice,
  formatBasisPoints,
  parsePointsInput,
  parseStableInput,
  salePreview,
  settlePointsMicro,
} from './amounts';
import {
  MerchantNav,
  type MerchantWallet,
  MoreButton,
  merchantApi,
  NoMerchant,
  type Owed,
  useMerchantId,
  usePaged,
} from './shared';

interface Payout {
  readonly id: string;
  readonly amountFen: string;
  readonly status: string;
  readonly requestedBy: string;
  readonly reason: string;
  readonly reference: string | null;
  readonly createdAt: string;
  readonly decidedAt: string | null;
}

interface Withdrawal {
  readonly id: string;
  readonly amountFen: string;
  readonly status: string;
  readonly destination: string;
  readonly reason: string;
  readonly reference: string | null;
  readonly createdAt: string;
  readonly paidAt: string | null;
}

const STATE_KEYS: Record<string, MessageKey> = {
  requested: 'merchant.state.requested',
  approved: 'merchant.state.approved',
  paid: 'merchant.state.paid',
  rejected: 'merchant.state.rejected',
};

/** 钱包与结算: balances, settling stable points, selling points, payouts and withdrawals. */
export default function MerchantWalletPage(_: PageProps) {
  const t = useT();
  const merchantId = useMerchantId();
  const base = merchantId === null ? null : merchantApi(merchantId);
  const wallet = useApi<MerchantWallet>(base === null ? null : `${base}/wallet`);
  const owed = useApi<Owed>(base === null ? null : `${base}/payouts/owed`);
  const transparency = useApi<{ sellFeeRate: string }>('/api/transparency');

  if (base === null) {
    return (
      <>
        <PageTitle>{t('page.merchantWallet')}</PageTitle>
        <NoMerchant />
      </>
    );
  }
  const refresh = () => {
    wallet.reload();
    owed.reload();
  };
  return (
    <>
      <PageTitle>{t('page.merchantWallet')}</PageTitle>
      <MerchantNav />
      <section className="card" aria-labelledby="mw-balances">
        <h2 id="mw-balances">{t('merchant.overview.balances')}</h2>
        {wallet.loading && wallet.data === undefined ? <Loading /> : null}
        {wallet.error !== undefined ? <ErrorMessage error={wallet.error} onRetry={wallet.reload} /> : null}
        {wallet.data !== undefined ? <Balances wallet={wallet.data} /> : null}
      </section>
      {wallet.data !== undefined ? (
        <>
          <SettleForm base={base} wallet={wallet.data} onDone={refresh} />
          {transparency.error !== undefined ? (
            <ErrorMessage error={transparency.error} onRetry={transparency.reload} />
          ) : null}
          {transparency.data !== undefined ? (
            <SellForm
              base={base}
              wallet={wallet.data}
              sellFeeRate={transparency.data.sellFeeRate}
              onDone={refresh}
            />
          ) : null}
        </>
      ) : null}
      <Payouts base={base} owed={owed} onDone={refresh} />
      <Withdrawals base={base} wallet={wallet.data} onDone={refresh} />
    </>
  );
}

function Balances({ wallet }: { wallet: MerchantWallet }) {
  const t = useT();
  return (
    <dl className="summary">
      <dt>{t('merchant.wallet.points')}</dt>
      <dd>
        <Points micro={wallet.pointsMicro} />
      </dd>
      <dt>{t('merchant.wallet.price')}</dt>
      <dd>{t('merchant.wallet.priceValue', { price: wallet.priceYuanPerPoint })}</dd>
      <dt>{t('merchant.wallet.pointsValue')}</dt>
      <dd>
        <Money fen={wallet.valueFen} />
      </dd>
      <dt>{t('merchant.wallet.stable')}</dt>
      <dd>
        <Stable stable={wallet.stable} />
      </dd>
      <dt>{t('merchant.wallet.cash')}</dt>
      <dd>
        <Money fen={wallet.cashFen} />
      </dd>
      {wallet.heldFen !== '0' ? (
        <>
          <dt>{t('merchant.wallet.held')}</dt>
          <dd>
            <Money fen={wallet.heldFen} />
          </dd>
        </>
      ) : null}
    </dl>
  );
}

/** 结算: stable points taken for orders turned into equity points from the treasury. */
function SettleForm({ base, wallet, onDone }: { base: string; wallet: MerchantWallet; onDone(): void }) {
  const t = useT();
  const inputId = useId();
  const [amount, setAmount] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [confirming, setConfirming] = useState<bigint | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const key = useRef(newIdempotencyKey());
  const action = useAction();
  const held = BigInt(wallet.stable);
  const price = exactPrice(wallet);

  const review = (event: FormEvent) => {
    event.preventDefault();
    setResult(null);
    const stable = parseStableInput(amount);
    const ok = stable !== undefined && stable > 0n && stable <= held;
    setInvalid(!ok);
    if (ok) setConfirming(stable);
  };
  const settle = async () => {
    if (confirming === null) return;
    const done = await action.run(() =>
      apiPost<{ stableSpent: string; pointsReceivedMicro: string }>(
        `${base}/settle`,
        { stableFen: confirming.toString() },
        key.current,
      ),
    );
    setConfirming(null);
    if (done !== undefined) {
      key.current = newIdempotencyKey();
      setAmount('');
      setResult(
        t('merchant.settle.done', {
          stable: formatStable(done.stableSpent),
          points: formatPointsMicro(done.pointsReceivedMicro),
        }),
      );
      onDone();
    }
  };
  return (
    <section className="card" aria-labelledby="mw-settle">
      <h2 id="mw-settle">{t('merchant.settle.title')}</h2>
      <p className="muted">{t('merchant.settle.lead')}</p>
      <p>
        {t('merchant.settle.received')} <Stable stable={wallet.stable} />
        {wallet.heldStable !== '0' ? (
          <span className="muted">
            {' '}
            · {t('merchant.settle.heldStable', { n: formatStable(wallet.heldStable) })}
          </span>
        ) : null}
      </p>
      {held === 0n ? (
        <Empty>{t('merchant.settle.nothing')}</Empty>
      ) : (
        <form onSubmit={review}>
          <div className="field">
            <label htmlFor={inputId}>{t('merchant.settle.amount')}</label>
            <input
              id={inputId}
              inputMode="numeric"
              required
              value={amount}
              aria-invalid={invalid}
              aria-describedby={`${inputId}-hint`}
              onChange={(event) => {
                setAmount(event.target.value);
                key.current = newIdempotencyKey();
              }}
            />
            <span id={`${inputId}-hint`} className="muted">
              {t('merchant.settle.hint', { n: formatStable(held) })}
            </span>
          </div>
          {invalid ? (
            <p className="state state-error" role="alert">
              {t('merchant.settle.invalid', { n: formatStable(held) })}
            </p>
          ) : null}
          {action.error !== undefined ? <ErrorMessage error={action.error} /> : null}
          <div className="actions">
            <button
              type="button"
              className="button secondary small"
              onClick={() => {
                setAmount(held.toString());
                key.current = newIdempotencyKey();
              }}
            >
              {t('merchant.settle.all')}
            </button>
            <button type="submit" className="button" disabled={action.busy}>
              {t('merchant.settle.submit')}
            </button>
          </div>
        </form>
      )}
      {result !== null ? (
        <p className="notice" role="status">
          {result}
        </p>
      ) : null}
      <ConfirmDialog
        open={confirming !== null}
        title={t('merchant.settle.confirmTitle')}
        confirmLabel={t('merchant.settle.submit')}
        busy={action.busy}
        onConfirm={settle}
        onCancel={() => setConfirming(null)}
      >
        {confirming !== null ? (
          <dl className="summary">
            <dt>{t('merchant.settle.spend')}</dt>
            <dd>{formatStable(confirming)}</dd>
            <dt>{t('merchant.wallet.price')}</dt>
            <dd>{t('merchant.wallet.priceValue', { price: wallet.priceYuanPerPoint })}</dd>
            <dt>{t('merchant.settle.receive')}</dt>
            <dd>{formatPointsMicro(settlePointsMicro(confirming, price))}</dd>
          </dl>
        ) : null}
        <p className="muted">{t('merchant.settle.note')}</p>
      </ConfirmDialog>
    </section>
  );
}

/** 卖出积分: the merchant's points sold back like a member's, with the fee shown first. */
function SellForm({
  base,
  wallet,
  sellFeeRate,
  onDone,
}: {
  base: string;
  wallet: MerchantWallet;
  sellFeeRate: string;
  onDone(): void;
}) {
  const t = useT();
  const inputId = useId();
  const [amount, setAmount] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [confirming, setConfirming] = useState<bigint | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const key = useRef(newIdempotencyKey());
  const action = useAction();
  const heldPoints = BigInt(wallet.pointsMicro);
  const price = exactPrice(wallet);
  const isAll = confirming !== null && confirming === heldPoints;

  const review = (event: FormEvent) => {
    event.preventDefault();
    setResult(null);
    const points = parsePointsInput(amount);
    const ok = points !== undefined && points > 0n && points <= heldPoints;
    setInvalid(!ok);
    if (ok) setConfirming(points);
  };
  const sell = async () => {
    if (confirming === null) return;
    const done = await action.run(() =>
      apiPost<{ pointsMicro: string; netFen: string; feeFen: string }>(
        `${base}/sell`,
        { pointsMicro: isAll ? 'all' : confirming.toString() },
        key.current,
      ),
    );
    setConfirming(null);
    if (done !== undefined) {
      key.current = newIdempotencyKey();
      setAmount('');
      setResult(
        t('merchant.sell.done', {
          points: formatPointsMicro(done.pointsMicro),
          net: formatFen(done.netFen),
          fee: formatFen(done.feeFen),
        }),
      );
      onDone();
    }
  };
  const preview = confirming === null ? undefined : salePreview(confirming, price, BigInt(sellFeeRate));
  return (
    <section className="card" aria-labelledby="mw-sell">
      <h2 id="mw-sell">{t('merchant.sell.title')}</h2>
      <p className="muted">{t('merchant.sell.lead', { rate: formatBasisPoints(sellFeeRate) })}</p>
      {heldPoints === 0n ? (
        <Empty>{t('merchant.sell.nothing')}</Empty>
      ) : (
        <form onSubmit={review}>
          <div className="field">
            <label htmlFor={inputId}>{t('merchant.sell.amount')}</label>
            <input
              id={inputId}
              inputMode="decimal"
              required
              value={amount}
              aria-invalid={invalid}
              aria-describedby={`${inputId}-hint`}
              onChange={(event) => {
                setAmount(event.target.value);
                key.current = newIdempotencyKey();
              }}
            />
            <span id={`${inputId}-hint`} className="muted">
              {t('merchant.sell.hint', { n: formatPointsMicro(heldPoints) })}
            </span>
          </div>
          {invalid ? (
            <p className="state state-error" role="alert">
              {t('merchant.sell.invalid', { n: formatPointsMicro(heldPoints) })}
            </p>
          ) : null}
          {action.error !== undefined ? <ErrorMessage error={action.error} /> : null}
          <div className="actions">
            <button
              type="button"
              className="button secondary small"
              onClick={() => {
                setAmount(formatPointsMicro(heldPoints).replace(/,/g, ''));
                key.current = newIdempotencyKey();
              }}
            >
              {t('merchant.sell.all')}
            </button>
            <button type="submit" className="button" disabled={action.busy}>
              {t('merchant.sell.submit')}
            </button>
          </div>
        </form>
      )}
      {result !== null ? (
        <p className="notice" role="status">
          {result}
        </p>
      ) : null}
      <ConfirmDialog
        open={confirming !== null}
        title={t('merchant.sell.confirmTitle')}
        confirmLabel={t('merchant.sell.submit')}
        busy={action.busy}
        onConfirm={sell}
        onCancel={() => setConfirming(null)}
      >
        {confirming !== null && preview !== undefined ? (
          <dl className="summary">
            <dt>{t('merchant.sell.points')}</dt>
            <dd>{formatPointsMicro(confirming)}</dd>
            <dt>{t('merchant.wallet.price')}</dt>
            <dd>{t('merchant.wallet.priceValue', { price: wallet.priceYuanPerPoint })}</dd>
            <dt>{t('merchant.sell.gross')}</dt>
            <dd>{formatFen(preview.grossFen)}</dd>
            <dt>{t('merchant.sell.fee', { rate: formatBasisPoints(sellFeeRate) })}</dt>
            <dd>{formatFen(preview.feeFen)}</dd>
            <dt>{t('merchant.sell.net')}</dt>
            <dd>
              <strong>{formatFen(preview.netFen)}</strong>
            </dd>
          </dl>
        ) : null}
        <p className="muted">{t('merchant.sell.note')}</p>
      </ConfirmDialog>
    </section>
  );
}

function StateBadge({ status }: { status: string }) {
  const t = useT();
  const key = STATE_KEYS[status];
  const tone =
    status === 'paid'
      ? 'status-completed'
      : status === 'rejected'
        ? 'status-cancelled'
        : 'status-pending_payment';
  return <span className={`badge ${tone}`}>{key === undefined ? status : t(key)}</span>;
}

/** 货款结算: what the mall owes for completed orders, a request for it, and the requests so far. */
function Payouts({ base, owed, onDone }: { base: string; owed: Resource<Owed>; onDone(): void }) {
  const { t, lang } = useI18n();
  const inputId = useId();
  const list = usePaged<Payout>(`${base}/payouts`);
  const [amount, setAmount] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [confirming, setConfirming] = useState<bigint | null>(null);
  const key = useRef(newIdempotencyKey());
  const action = useAction();
  const available = owed.data === undefined ? 0n : BigInt(owed.data.availableFen);

  const review = (event: FormEvent) => {
    event.preventDefault();
    const fen = parseYuanInput(amount);
    const ok = fen !== undefined && fen > 0n && fen <= available;
    setInvalid(!ok);
    if (ok) setConfirming(fen);
  };
  const request = async () => {
    if (confirming === null) return;
    const done = await action.run(() =>
      apiPost<Payout>(
        `${base}/payouts`,
        { amountFen: confirming === available ? 'all' : confirming.toString() },
        key.current,
      ),
    );
    setConfirming(null);
    if (done !== undefined) {
      key.current = newIdempotencyKey();
      setAmount('');
      list.reload();
      onDone();
    }
  };
  return (
    <section className="card" aria-labelledby="mw-payouts">
      <h2 id="mw-payouts">{t('merchant.payouts.title')}</h2>
      <p className="muted">{t('merchant.payouts.lead')}</p>
      {owed.loading && owed.data === undefined ? <Loading /> : null}
      {owed.error !== undefined ? <ErrorMessage error={owed.error} onRetry={owed.reload} /> : null}
      {owed.data !== undefined ? (
        <dl className="summary">
          <dt>{t('merchant.wallet.owed')}</dt>
          <dd>
            <Money fen={owed.data.owedFen} />
          </dd>
          <dt>{t('merchant.payouts.requested')}</dt>
          <dd>
            <Money fen={owed.data.requestedFen} />
          </dd>
          <dt>{t('merchant.payouts.available')}</dt>
          <dd>
            <Money fen={owed.data.availableFen} />
          </dd>
        </dl>
      ) : null}
      {owed.data !== undefined && available > 0n ? (
        <form onSubmit={review}>
          <div className="field">
            <label htmlFor={inputId}>{t('merchant.payouts.amount')}</label>
            <input
              id={inputId}
              inputMode="decimal"
              required
              value={amount}
              aria-invalid={invalid}
              onChange={(event) => {
                setAmount(event.target.value);
                key.current = newIdempotencyKey();
              }}
            />
          </div>
          {invalid ? (
            <p className="state state-error" role="alert">
              {t('merchant.payouts.invalid', { max: formatFen(available) })}
            </p>
          ) : null}
          {action.error !== undefined ? <ErrorMessage error={action.error} /> : null}
          <div className="actions">
            <button
              type="button"
              className="button secondary small"
              onClick={() => {
                setAmount(formatFen(available).replace(/[¥,]/g, ''));
                key.current = newIdempotencyKey();
              }}
            >
              {t('merchant.payouts.all')}
            </button>
            <button type="submit" className="button" disabled={action.busy}>
              {t('merchant.payouts.submit')}
            </button>
          </div>
        </form>
      ) : null}
      <ConfirmDialog
        open={confirming !== null}
        title={t('merchant.payouts.confirmTitle')}
        confirmLabel={t('merchant.payouts.submit')}
        busy={action.busy}
        onConfirm={request}
        onCancel={() => setConfirming(null)}
      >
        <p>
          {t('merchant.payouts.confirmText', { amount: confirming === null ? '' : formatFen(confirming) })}
        </p>
      </ConfirmDialog>
      <h3 className="section-title">{t('merchant.payouts.list')}</h3>
      {list.error !== undefined ? <ErrorMessage error={list.error} onRetry={list.reload} /> : null}
      {list.loading && list.items.length === 0 ? <Loading /> : null}
      {!list.loading && list.error === undefined && list.items.length === 0 ? (
        <Empty>{t('merchant.payouts.none')}</Empty>
      ) : null}
      <ul className="lines" aria-label={t('merchant.payouts.list')}>
        {list.items.map((payout) => (
          <li key={payout.id} className="line">
            <span className="line-text">
              <Money fen={payout.amountFen} />
              <span className="muted">
                {formatTime(payout.createdAt, lang)}
                {payout.requestedBy === 'schedule' ? ` · ${t('merchant.payouts.bySchedule')}` : ''}
                {payout.reference !== null ? ` · ${payout.reference}` : ''}
                {payout.reason !== '' ? ` · ${payout.reason}` : ''}
              </span>
            </span>
            <StateBadge status={payout.status} />
          </li>
        ))}
      </ul>
      <MoreButton list={list} />
    </section>
  );
}

/** 提现: the merchant's cash (from points sold) to its bank account, approved by an admin. */
function Withdrawals({
  base,
  wallet,
  onDone,
}: {
  base: string;
  wallet: MerchantWallet | undefined;
  onDone(): void;
}) {
  const { t, lang } = useI18n();
  const ids = { amount: useId(), destination: useId() };
  const list = usePaged<Withdrawal>(`${base}/withdrawals`);
  const [amount, setAmount] = useState('');
  const [destination, setDestination] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [confirming, setConfirming] = useState<bigint | null>(null);
  const key = useRef(newIdempotencyKey());
  const action = useAction();

  const review = (event: FormEvent) => {
    event.preventDefault();
    const fen = parseYuanInput(amount);
    const ok = fen !== undefined && fen > 0n;
    setInvalid(!ok);
    if (ok) setConfirming(fen);
  };
  const request = async () => {
    if (confirming === null) return;
    const body = {
      amountFen: confirming.toString(),
      ...(destination.trim() === '' ? {} : { destination: destination.trim() }),
    };
    const done = await action.run(() => apiPost<Withdrawal>(`${base}/withdrawals`, body, key.current));
    setConfirming(null);
    if (done !== undefined) {
      key.current = newIdempotencyKey();
      setAmount('');
      list.reload();
      onDone();
    }
  };
  const renew = () => {
    key.current = newIdempotencyKey();
  };
  return (
    <section className="card" aria-labelledby="mw-withdrawals">
      <h2 id="mw-withdrawals">{t('merchant.withdrawals.title')}</h2>
      <p className="muted">
        {t('merchant.withdrawals.lead')}
        {wallet !== undefined
          ? ` ${t('merchant.withdrawals.cash', { cash: formatFen(wallet.cashFen) })}`
          : ''}
      </p>
      <form onSubmit={review}>
        <div className="field">
          <label htmlFor={ids.amount}>{t('merchant.withdrawals.amount')}</label>
          <input
            id={ids.amount}
            inputMode="decimal"
            required
            value={amount}
            aria-invalid={invalid}
            onChange={(event) => {
              setAmount(event.target.value);
              renew();
            }}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.destination}>{t('merchant.withdrawals.destination')}</label>
          <input
            id={ids.destination}
            maxLength={200}
            value={destination}
            onChange={(event) => {
              setDestination(event.target.value);
              renew();
            }}
          />
        </div>
        {invalid ? (
          <p className="state state-error" role="alert">
            {t('merchant.withdrawals.invalid')}
          </p>
        ) : null}
        {action.error !== undefined ? <ErrorMessage error={action.error} /> : null}
        <button type="submit" className="button" disabled={action.busy}>
          {t('merchant.withdrawals.submit')}
        </button>
      </form>
      <ConfirmDialog
        open={confirming !== null}
        title={t('merchant.withdrawals.confirmTitle')}
        confirmLabel={t('merchant.withdrawals.submit')}
        busy={action.busy}
        onConfirm={request}
        onCancel={() => setConfirming(null)}
      >
        <dl className="summary">
          <dt>{t('merchant.withdrawals.amount')}</dt>
          <dd>{confirming === null ? '' : formatFen(confirming)}</dd>
          <dt>{t('merchant.withdrawals.destination')}</dt>
          <dd>
            {destination.trim() === '' ? t('merchant.withdrawals.defaultDestination') : destination.trim()}
          </dd>
        </dl>
        <p className="muted">{t('merchant.withdrawals.note')}</p>
      </ConfirmDialog>
      <h3 className="section-title">{t('merchant.withdrawals.list')}</h3>
      {list.error !== undefined ? <ErrorMessage error={list.error} onRetry={list.reload} /> : null}
      {list.loading && list.items.length === 0 ? <Loading /> : null}
      {!list.loading && list.error === undefined && list.items.length === 0 ? (
        <Empty>{t('merchant.withdrawals.none')}</Empty>
      ) : null}
      <ul className="lines" aria-label={t('merchant.withdrawals.list')}>
        {list.items.map((withdrawal) => (
          <li key={withdrawal.id} className="line">
            <span className="line-text">
              <Money fen={withdrawal.amountFen} />
              <span className="muted">
                {formatTime(withdrawal.createdAt, lang)}
                {withdrawal.destination !== '' ? ` · ${withdrawal.destination}` : ''}
                {withdrawal.reason !== '' ? ` · ${withdrawal.reason}` : ''}
              </span>
            </span>
            <StateBadge status={withdrawal.status} />
          </li>
        ))}
      </ul>
      <MoreButton list={list} />
    </section>
  );
}
