import { useId, useRef, useState } from 'react';
import { apiPost, newIdempotencyKey } from '../../api';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorMessage } from '../../components/states';
import { formatFen, formatPointsMicro, formatStable } from '../../format';
import { useT } from '../../i18n';
import { useAction } from '../../use-api';
import { formatRateBp, parsePointsInput, plainPoints, previewTrade } from './preview';
import type { Conversion, Sale, Transparency, WalletView } from './types';

type TradeKind = 'sell' | 'convert';

/**
 * Sell points (net to cash, the fee stays in the reserve) or convert them to stable points. The
 * dialog shows the fee and what is received, computed from the exact price and the published fee
 * rate, before anything is sent; the server's own figures are shown afterwards.
 */
export function TradeCard({
  wallet,
  rates,
  ratesFailed,
  onDone,
}: {
  wallet: WalletView;
  rates: Transparency | undefined;
  /** The rates could not be read (the page shows that error); previews wait for them. */
  ratesFailed: boolean;
  onDone(): void;
}) {
  const t = useT();
  const titleId = useId();
  const amountId = useId();
  const hintId = useId();
  const errorId = useId();
  const [kind, setKind] = useState<TradeKind>('sell');
  const [amount, setAmount] = useState('');
  const [touched, setTouched] = useState(false);
  const [confirming, setConfirming] = useState(false);
  // The server's figures, kept as data so the text follows a language switch.
  const [result, setResult] = useState<
    { kind: 'sell'; sale: Sale } | { kind: 'convert'; conversion: Conversion } | null
  >(null);
  const action = useAction();
  // One key per intent: kept while retrying the same kind and amount, renewed after success or a change.
  const key = useRef(newIdempotencyKey());

  const held = BigInt(wallet.pointsMicro);
  const micro = parsePointsInput(amount);
  const valid = micro !== undefined && micro > 0n && micro <= held;
  const showInvalid = touched && !valid;
  const rateText =
    rates === undefined ? undefined : kind === 'sell' ? rates.sellFeeRate : rates.convertFeeRate;
  const rate = rateText === undefined ? undefined : BigInt(rateText);
  const preview =
    valid && rate !== undefined
      ? previewTrade(micro, BigInt(wallet.priceFenPerPointNum), BigInt(wallet.priceFenPerPointDen), rate)
      : undefined;

  const changeIntent = () => {
    key.current = newIdempotencyKey();
    setResult(null);
    action.clearError();
  };

  const confirm = async () => {
    if (!valid) return;
    const body = { pointsMicro: micro.toString() };
    if (kind === 'sell') {
      const sale = await action.run(() => apiPost<Sale>('/api/wallet/sell', body, key.current));
      if (sale === undefined) return;
      setResult({ kind: 'sell', sale });
    } else {
      const done = await action.run(() => apiPost<Conversion>('/api/wallet/convert', body, key.current));
      if (done === undefined) return;
      setResult({ kind: 'convert', conversion: done });
    }
    key.current = newIdempotencyKey();
    setConfirming(false);
    setAmount('');
    setTouched(false);
    onDone();
  };

  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('wallet.trade')}</h2>
      <p className="muted">{t('wallet.tradeHint')}</p>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setTouched(true);
          if (valid && preview !== undefined) {
            action.clearError();
            setConfirming(true);
          }
        }}
      >
        <fieldset>
          <legend>{t('wallet.tradeKind')}</legend>
          {(['sell', 'convert'] as const).map((choice) => (
            <label key={choice} className={kind === choice ? 'choice selected' : 'choice'}>
              <input
                type="radio"
                name="trade-kind"
                value={choice}
                checked={kind === choice}
                onChange={() => {
                  setKind(choice);
                  changeIntent();
                }}
              />
              {t(choice === 'sell' ? 'wallet.sell' : 'wallet.convert')}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={amountId}>{t('wallet.amount')}</label>
          <div className="search-form">
            <input
              id={amountId}
              inputMode="decimal"
              autoComplete="off"
              value={amount}
              aria-invalid={showInvalid}
              aria-describedby={showInvalid ? `${hintId} ${errorId}` : hintId}
              onChange={(event) => {
                setAmount(event.target.value);
                changeIntent();
              }}
              onBlur={() => setTouched(amount !== '')}
            />
            <button
              type="button"
              className="button secondary"
              disabled={held === 0n}
              onClick={() => {
                setAmount(plainPoints(held));
                setTouched(true);
                changeIntent();
              }}
            >
              {t('wallet.all')}
            </button>
          </div>
          <small id={hintId} className="muted">
            {t('wallet.amountHint', { points: formatPointsMicro(held) })}
          </small>
          {showInvalid ? (
            <small id={errorId} className="error-code" role="alert">
              {t('wallet.amountInvalid')}
            </small>
          ) : null}
        </div>
        {ratesFailed ? <p className="muted">{t('wallet.noPrice')}</p> : null}
        <button type="submit" className="button wide" disabled={held === 0n || rates === undefined}>
          {t('wallet.review')}
        </button>
      </form>
      {result !== null ? (
        <p className="notice" role="status">
          {result.kind === 'sell'
            ? t('wallet.sold', {
                points: formatPointsMicro(result.sale.pointsMicro),
                gross: formatFen(result.sale.grossFen),
                fee: formatFen(result.sale.feeFen),
                net: formatFen(result.sale.netFen),
                seq: result.sale.journalSeq,
              })
            : t('wallet.converted', {
                points: formatPointsMicro(result.conversion.pointsMicro),
                value: formatFen(result.conversion.valueFen),
                fee: formatFen(result.conversion.feeFen),
                stable: formatStable(result.conversion.stableReceived),
                seq: result.conversion.journalSeq,
              })}
        </p>
      ) : null}
      <ConfirmDialog
        open={confirming && preview !== undefined}
        title={t(kind === 'sell' ? 'wallet.sellTitle' : 'wallet.convertTitle')}
        confirmLabel={t(kind === 'sell' ? 'wallet.sell' : 'wallet.convert')}
        busy={action.busy}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void confirm()}
      >
        {preview !== undefined && rate !== undefined && micro !== undefined ? (
          <>
            <dl className="summary">
              <dt>{t('wallet.amount')}</dt>
              <dd>{formatPointsMicro(micro)}</dd>
              <dt>{t('wallet.gross')}</dt>
              <dd>{formatFen(preview.grossFen)}</dd>
              <dt>{t('wallet.fee', { rate: formatRateBp(rate) })}</dt>
              <dd>{formatFen(preview.feeFen)}</dd>
              <dt>{t(kind === 'sell' ? 'wallet.netCash' : 'wallet.netStable')}</dt>
              <dd>
                <strong>{kind === 'sell' ? formatFen(preview.netFen) : formatStable(preview.netFen)}</strong>
              </dd>
            </dl>
            <p className="muted">{t('wallet.previewNote')}</p>
          </>
        ) : null}
        {action.error !== undefined ? <ErrorMessage error={action.error} /> : null}
      </ConfirmDialog>
    </section>
  );
}
