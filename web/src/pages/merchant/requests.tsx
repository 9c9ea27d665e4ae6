import { type ReactNode, useId, useState } from 'react';
import { apiPost } from '../../api';
import { Money } from '../../components/money';
import { Empty, ErrorMessage, Loading } from '../../components/states';
import { formatFen, formatTime, parseYuanInput } from '../../format';
import { type MessageKey, useI18n, useT } from '../../i18n';
import type { Resource } from '../../use-api';
import { AmountForm, IntentDialog, positiveUpTo, useAmountIntent } from './amount-intent';
import { type MerchantWallet, MoreButton, type Owed, type Paged, usePaged } from './shared';

interface Request {
  readonly id: string;
  readonly amountFen: string;
  readonly status: string;
  readonly reason: string;
  readonly reference: string | null;
  readonly createdAt: string;
}

interface Payout extends Request {
  readonly requestedBy: string;
  readonly decidedAt: string | null;
}

interface Withdrawal extends Request {
  readonly destination: string;
  readonly paidAt: string | null;
}

const STATE_KEYS: Record<string, MessageKey> = {
  requested: 'merchant.state.requested',
  approved: 'merchant.state.approved',
  paid: 'merchant.state.paid',
  rejected: 'merchant.state.rejected',
};

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

/** The requests so far: amount, time and `detail`, with their state, paged. */
function RequestList<T extends Request>({
  list,
  title,
  none,
  detail,
}: {
  list: Paged<T>;
  title: string;
  none: string;
  detail(item: T): ReactNode;
}) {
  const { lang } = useI18n();
  return (
    <>
      <h3 className="section-title">{title}</h3>
      {list.error !== undefined ? <ErrorMessage error={list.error} onRetry={list.reload} /> : null}
      {list.loading && list.items.length === 0 ? <Loading /> : null}
      {!list.loading && list.error === undefined && list.items.length === 0 ? <Empty>{none}</Empty> : null}
      <ul className="lines" aria-label={title}>
        {list.items.map((item) => (
          <li key={item.id} className="line">
            <span className="line-text">
              <Money fen={item.amountFen} />
              <span className="muted">
                {formatTime(item.createdAt, lang)}
                {detail(item)}
              </span>
            </span>
            <StateBadge status={item.status} />
          </li>
        ))}
      </ul>
      <MoreButton list={list} />
    </>
  );
}

/** 货款结算: what the mall owes for completed orders, a request for it, and the requests so far. */
export function Payouts({ base, owed, onDone }: { base: string; owed: Resource<Owed>; onDone(): void }) {
  const t = useT();
  const list = usePaged<Payout>(`${base}/payouts`);
  const intent = useAmountIntent();
  const available = owed.data === undefined ? 0n : BigInt(owed.data.availableFen);

  const request = async () => {
    const done = await intent.submit((fen, key) =>
      apiPost<Payout>(`${base}/payouts`, { amountFen: fen === available ? 'all' : fen.toString() }, key),
    );
    if (done !== undefined) {
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
        <AmountForm
          intent={intent}
          onReview={(event) => intent.review(event, (text) => positiveUpTo(parseYuanInput(text), available))}
          label={t('merchant.payouts.amount')}
          inputMode="decimal"
          invalidText={t('merchant.payouts.invalid', { max: formatFen(available) })}
          submitLabel={t('merchant.payouts.submit')}
          all={{ label: t('merchant.payouts.all'), value: () => formatFen(available).replace(/[¥,]/g, '') }}
        />
      ) : null}
      <IntentDialog
        intent={intent}
        title={t('merchant.payouts.confirmTitle')}
        confirmLabel={t('merchant.payouts.submit')}
        onConfirm={request}
      >
        <p>
          {t('merchant.payouts.confirmText', {
            amount: intent.confirming === null ? '' : formatFen(intent.confirming),
          })}
        </p>
      </IntentDialog>
      <RequestList
        list={list}
        title={t('merchant.payouts.list')}
        none={t('merchant.payouts.none')}
        detail={(payout) => (
          <>
            {payout.requestedBy === 'schedule' ? ` · ${t('merchant.payouts.bySchedule')}` : ''}
            {payout.reference !== null ? ` · ${payout.reference}` : ''}
            {payout.reason !== '' ? ` · ${payout.reason}` : ''}
          </>
        )}
      />
    </section>
  );
}

/** 提现: the merchant's cash (from points sold) to its bank account, approved by an admin. */
export function Withdrawals({
  base,
  wallet,
  onDone,
}: {
  base: string;
  wallet: MerchantWallet | undefined;
  onDone(): void;
}) {
  const t = useT();
  const destinationId = useId();
  const list = usePaged<Withdrawal>(`${base}/withdrawals`);
  const [destination, setDestination] = useState('');
  const intent = useAmountIntent();

  const request = async () => {
    const done = await intent.submit((fen, key) => {
      const body = {
        amountFen: fen.toString(),
        ...(destination.trim() === '' ? {} : { destination: destination.trim() }),
      };
      return apiPost<Withdrawal>(`${base}/withdrawals`, body, key);
    });
    if (done !== undefined) {
      list.reload();
      onDone();
    }
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
      <AmountForm
        intent={intent}
        onReview={(event) => intent.review(event, (text) => positiveUpTo(parseYuanInput(text)))}
        label={t('merchant.withdrawals.amount')}
        inputMode="decimal"
        invalidText={t('merchant.withdrawals.invalid')}
        submitLabel={t('merchant.withdrawals.submit')}
      >
        <div className="field">
          <label htmlFor={destinationId}>{t('merchant.withdrawals.destination')}</label>
          <input
            id={destinationId}
            maxLength={200}
            value={destination}
            onChange={(event) => {
              setDestination(event.target.value);
              intent.renew();
            }}
          />
        </div>
      </AmountForm>
      <IntentDialog
        intent={intent}
        title={t('merchant.withdrawals.confirmTitle')}
        confirmLabel={t('merchant.withdrawals.submit')}
        onConfirm={request}
      >
        <dl className="summary">
          <dt>{t('merchant.withdrawals.amount')}</dt>
          <dd>{intent.confirming === null ? '' : formatFen(intent.confirming)}</dd>
          <dt>{t('merchant.withdrawals.destination')}</dt>
          <dd>
            {destination.trim() === '' ? t('merchant.withdrawals.defaultDestination') : destination.trim()}
          </dd>
        </dl>
        <p className="muted">{t('merchant.withdrawals.note')}</p>
      </IntentDialog>
      <RequestList
        list={list}
        title={t('merchant.withdrawals.list')}
        none={t('merchant.withdrawals.none')}
        detail={(withdrawal) => (
          <>
            {withdrawal.destination !== '' ? ` · ${withdrawal.destination}` : ''}
            {withdrawal.reason !== '' ? ` · ${withdrawal.reason}` : ''}
          </>
        )}
      />
    </section>
  );
}
