import { useId, useRef, useState } from 'react';
import { apiPost, newIdempotencyKey } from '../../api';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Money, Stable } from '../../components/money';
import { ErrorMessage } from '../../components/states';
import { formatFen } from '../../format';
import { type MessageKey, useT } from '../../i18n';
import type { Order, Payment, PaymentMethod, WalletSummary } from '../../types';
import { useAction, useApi } from '../../use-api';

/**
 * How a member pays (docs/mall.md "Payments"): from the balance, in cash or in stable points (1 stable
 * = 1 fen); by manual bank transfer (an admin confirms it); or through the payment gateway. Cash,
 * transfer and gateway may take part of the amount in stable points.
 */
export type PayChoice = 'cash' | 'stable' | 'manual' | 'gateway';
export const PAY_CHOICES: readonly PayChoice[] = ['cash', 'stable', 'manual', 'gateway'];

const CHOICE_LABEL: Record<PayChoice, MessageKey> = {
  cash: 'pay.cash',
  stable: 'pay.stable',
  manual: 'pay.manual',
  gateway: 'pay.gateway',
};
const CHOICE_HINT: Record<PayChoice, MessageKey> = {
  cash: 'pay.cashHint',
  stable: 'pay.stableHint',
  manual: 'pay.manualHint',
  gateway: 'pay.gatewayHint',
};

export interface PayForm {
  readonly choice: PayChoice;
  /** Stable points to put toward a cash, transfer or gateway payment, as typed ('' = none). */
  readonly stablePart: string;
}

const STABLE_INPUT = /^[0-9]{1,15}$/;

/** The request body of POST /api/orders/:id/pay for one order; `stableLeft` is shared across orders. */
export function payBody(form: PayForm, totalFen: string, stableLeft: bigint) {
  const total = BigInt(totalFen);
  if (form.choice === 'stable') return { method: 'balance' as PaymentMethod, stableFen: totalFen };
  const part = stableLeft < total ? stableLeft : total;
  const method: PaymentMethod = form.choice === 'cash' ? 'balance' : form.choice;
  return part > 0n ? { method, stableFen: part.toString() } : { method };
}

export function stablePartOf(form: PayForm): bigint {
  if (form.choice === 'stable' || !STABLE_INPUT.test(form.stablePart)) return 0n;
  return BigInt(form.stablePart);
}

export function isPayFormValid(form: PayForm): boolean {
  return form.choice === 'stable' || form.stablePart === '' || STABLE_INPUT.test(form.stablePart);
}

/** The payment choice as radio buttons, the balances it draws on, and the optional stable part. */
export function PaymentChoiceFields({ value, onChange }: { value: PayForm; onChange(form: PayForm): void }) {
  const t = useT();
  const stableId = useId();
  const wallet = useApi<WalletSummary>('/api/wallet');
  return (
    <fieldset className="pay-choice">
      <legend>{t('pay.method')}</legend>
      {wallet.data !== undefined ? (
        <p className="muted">
          {t('pay.balances')} <Money fen={wallet.data.cashFen} /> · {t('pay.stableBalance')}{' '}
          <Stable stable={wallet.data.stable} />
        </p>
      ) : null}
      {PAY_CHOICES.map((choice) => (
        <label key={choice} className={value.choice === choice ? 'choice selected' : 'choice'}>
          <input
            type="radio"
            name="pay-choice"
            value={choice}
            checked={value.choice === choice}
            onChange={() => onChange({ ...value, choice })}
          />
          <span>
            <strong>{t(CHOICE_LABEL[choice])}</strong>
            <span className="muted block">{t(CHOICE_HINT[choice])}</span>
          </span>
        </label>
      ))}
      {value.choice !== 'stable' ? (
        <div className="field">
          <label htmlFor={stableId}>{t('pay.stablePart')}</label>
          <input
            id={stableId}
            inputMode="numeric"
            pattern="[0-9]*"
            value={value.stablePart}
            aria-invalid={!isPayFormValid(value)}
            onChange={(event) => onChange({ ...value, stablePart: event.target.value.trim() })}
          />
          <span className="muted">{t('pay.stablePartHint')}</span>
        </div>
      ) : null}
    </fieldset>
  );
}

/** What a payment did, in words: settled now, or waiting for a transfer or the gateway. */
export function PaymentOutcome({ payment }: { payment: Payment }) {
  const t = useT();
  if (payment.status === 'succeeded') return <p role="status">{t('pay.succeeded')}</p>;
  const key: MessageKey = payment.provider === 'manual' ? 'pay.manualPending' : 'pay.gatewayPending';
  return <p role="status">{t(key, { payment: payment.id, amount: formatFen(payment.cashFen) })}</p>;
}

/** Pays one pending order (order detail), with a confirmation that shows the amount first. */
export function PayPanel({ order, onPaid }: { order: Order; onPaid(): void }) {
  const t = useT();
  const [form, setForm] = useState<PayForm>({ choice: 'cash', stablePart: '' });
  const [confirming, setConfirming] = useState(false);
  const [payment, setPayment] = useState<Payment | undefined>(undefined);
  const action = useAction();
  // One key per intent: a retry after a failure or timeout cannot pay twice.
  const key = useRef(newIdempotencyKey());
  const body = payBody(form, order.totalFen, stablePartOf(form));

  const pay = async () => {
    const result = await action.run(() =>
      apiPost<Payment>(`/api/orders/${encodeURIComponent(order.id)}/pay`, body, key.current),
    );
    setConfirming(false);
    if (result === undefined) return;
    key.current = newIdempotencyKey();
    setPayment(result);
    onPaid();
  };

  return (
    <section className="card" aria-labelledby="pay-title">
      <h2 id="pay-title">{t('pay.title')}</h2>
      <PaymentChoiceFields value={form} onChange={setForm} />
      {action.error !== undefined ? <ErrorMessage error={action.error} /> : null}
      {payment !== undefined ? <PaymentOutcome payment={payment} /> : null}
      <button
        type="button"
        className="button wide"
        disabled={!isPayFormValid(form) || action.busy}
        onClick={() => setConfirming(true)}
      >
        {t('pay.payAmount', { amount: formatFen(order.totalFen) })}
      </button>
      <ConfirmDialog
        open={confirming}
        title={t('pay.confirmTitle')}
        busy={action.busy}
        confirmLabel={t('pay.confirm')}
        onCancel={() => setConfirming(false)}
        onConfirm={pay}
      >
        <PaySummary body={body} totalFen={order.totalFen} />
      </ConfirmDialog>
    </section>
  );
}

/** The amounts a payment will take, shown before anything happens. */
export function PaySummary({
  body,
  totalFen,
}: {
  body: { method: PaymentMethod; stableFen?: string };
  totalFen: string;
}) {
  const t = useT();
  const stable = BigInt(body.stableFen ?? '0');
  const cash = BigInt(totalFen) - stable;
  return (
    <dl className="summary">
      <dt>{t('order.total')}</dt>
      <dd>
        <Money fen={totalFen} />
      </dd>
      <dt>{t(`pay.method.${body.method}`)}</dt>
      <dd>
        <Money fen={cash.toString()} />
      </dd>
      {stable > 0n ? (
        <>
          <dt>{t('pay.stableUsed')}</dt>
          <dd>
            <Stable stable={stable.toString()} />
          </dd>
        </>
      ) : null}
    </dl>
  );
}
