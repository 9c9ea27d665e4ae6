import { useId, useRef, useState } from 'react';
import { apiPost, newIdempotencyKey } from '../../api';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Money } from '../../components/money';
import { Empty, ErrorMessage, Loading } from '../../components/states';
import { formatFen, formatTime, parseYuanInput } from '../../format';
import { type MessageKey, useI18n } from '../../i18n';
import { useAction } from '../../use-api';
import { usePaged } from './paged';
import type { Withdrawal, WithdrawalPage, WithdrawalStatus } from './types';

const STATUS_LABEL: Record<WithdrawalStatus, MessageKey> = {
  requested: 'wallet.withdrawalStatus.requested',
  approved: 'wallet.withdrawalStatus.approved',
  paid: 'wallet.withdrawalStatus.paid',
  rejected: 'wallet.withdrawalStatus.rejected',
};

/** A withdrawal request from the cash balance, confirmed first; the server decides the limits. */
export function WithdrawCard({ cashFen, onDone }: { cashFen: string; onDone(): void }) {
  const { t } = useI18n();
  const titleId = useId();
  const amountId = useId();
  const amountErrorId = useId();
  const destinationId = useId();
  const destinationHintId = useId();
  const [amount, setAmount] = useState('');
  const [destination, setDestination] = useState('');
  const [touched, setTouched] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<Withdrawal | null>(null);
  const action = useAction();
  const key = useRef(newIdempotencyKey());

  const fen = parseYuanInput(amount);
  const valid = fen !== undefined && fen > 0n;
  const showInvalid = touched && !valid;
  const changeIntent = () => {
    key.current = newIdempotencyKey();
    setDone(null);
    action.clearError();
  };

  const confirm = async () => {
    if (fen === undefined) return;
    const withdrawal = await action.run(() =>
      apiPost<Withdrawal>(
        '/api/wallet/withdrawals',
        { amountFen: fen.toString(), destination: destination.trim() },
        key.current,
      ),
    );
    if (withdrawal === undefined) {
      setConfirming(false);
      return;
    }
    key.current = newIdempotencyKey();
    setConfirming(false);
    setDone(withdrawal);
    setAmount('');
    setDestination('');
    setTouched(false);
    onDone();
  };

  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('wallet.withdraw')}</h2>
      <p className="muted">{t('wallet.withdrawHint')}</p>
      <dl className="summary">
        <dt>{t('wallet.cash')}</dt>
        <dd>
          <Money fen={cashFen} />
        </dd>
      </dl>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setTouched(true);
          if (valid) {
            action.clearError();
            setConfirming(true);
          }
        }}
      >
        <div className="field">
          <label htmlFor={amountId}>{t('wallet.withdrawAmount')}</label>
          <input
            id={amountId}
            inputMode="decimal"
            autoComplete="off"
            value={amount}
            aria-invalid={showInvalid}
            {...(showInvalid ? { 'aria-describedby': amountErrorId } : {})}
            onChange={(event) => {
              setAmount(event.target.value);
              changeIntent();
            }}
            onBlur={() => setTouched(amount !== '')}
          />
          {showInvalid ? (
            <small id={amountErrorId} className="error-code" role="alert">
              {t('wallet.withdrawAmountInvalid')}
            </small>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={destinationId}>{t('wallet.destination')}</label>
          <input
            id={destinationId}
            maxLength={200}
            autoComplete="off"
            value={destination}
            aria-describedby={destinationHintId}
            onChange={(event) => {
              setDestination(event.target.value);
              changeIntent();
            }}
          />
          <small id={destinationHintId} className="muted">
            {t('wallet.destinationHint')}
          </small>
        </div>
        {action.error !== undefined && !confirming ? <ErrorMessage error={action.error} /> : null}
        <button type="submit" className="button wide">
          {t('wallet.withdrawSubmit')}
        </button>
      </form>
      {done !== null ? (
        <p className="notice" role="status">
          {t('wallet.withdrawDone', { amount: formatFen(done.amountFen) })}
        </p>
      ) : null}
      <ConfirmDialog
        open={confirming && fen !== undefined}
        title={t('wallet.withdrawTitle')}
        confirmLabel={t('wallet.withdrawSubmit')}
        busy={action.busy}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void confirm()}
      >
        {fen !== undefined ? (
          <p>
            {t('wallet.withdrawText', {
              amount: formatFen(fen),
              destination: destination.trim() === '' ? '—' : destination.trim(),
            })}
          </p>
        ) : null}
      </ConfirmDialog>
    </section>
  );
}

/** My withdrawals, newest first, a page at a time. */
export function WithdrawalList() {
  const { t, lang } = useI18n();
  const titleId = useId();
  const list = usePaged<WithdrawalPage, Withdrawal>('/api/wallet/withdrawals', 'cursor', (page) => ({
    items: page.items,
    next: page.nextCursor,
  }));
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('wallet.myWithdrawals')}</h2>
      {list.first.data === undefined ? (
        list.first.error !== undefined ? (
          <ErrorMessage error={list.first.error} onRetry={list.first.reload} />
        ) : (
          <Loading />
        )
      ) : list.items.length === 0 ? (
        <Empty>{t('wallet.noWithdrawals')}</Empty>
      ) : (
        <ul className="lines">
          {list.items.map((w) => (
            <li key={w.id} className="line">
              <span className="line-text">
                <strong>{formatFen(w.amountFen)}</strong>
                <small className="muted">
                  {formatTime(w.createdAt, lang)}
                  {w.destination !== '' ? ` · ${w.destination}` : ''}
                </small>
                {w.status === 'rejected' && w.reason !== '' ? (
                  <small>{t('wallet.rejectReason', { reason: w.reason })}</small>
                ) : null}
                {w.reference !== null && w.reference !== '' ? (
                  <small>{t('wallet.reference', { reference: w.reference })}</small>
                ) : null}
              </span>
              <span className={`badge status-${w.status}`}>
                {w.status in STATUS_LABEL ? t(STATUS_LABEL[w.status]) : w.status}
              </span>
            </li>
          ))}
        </ul>
      )}
      <MoreButton list={list} />
    </section>
  );
}

/** "Load more" under a paged list, with the error of the last attempt. */
export function MoreButton({
  list,
}: {
  list: { next: string | null; moreBusy: boolean; moreError: Error | undefined; loadMore(): Promise<void> };
}) {
  const t = useI18n().t;
  return (
    <>
      {list.moreError !== undefined ? <ErrorMessage error={list.moreError} /> : null}
      {list.next !== null ? (
        <button
          type="button"
          className="button secondary wide"
          disabled={list.moreBusy}
          aria-busy={list.moreBusy}
          onClick={() => void list.loadMore()}
        >
          {t('wallet.more')}
        </button>
      ) : null}
    </>
  );
}
