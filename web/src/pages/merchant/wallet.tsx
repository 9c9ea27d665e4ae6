import { useState } from 'react';
import { apiPost } from '../../api';
import { PageTitle } from '../../components/layout';
import { Money, Points, Stable } from '../../components/money';
import { Empty, ErrorMessage, Loading } from '../../components/states';
import { formatFen, formatPointsMicro, formatStable } from '../../format';
import { useT } from '../../i18n';
import type { PageProps } from '../../routes';
import { useApi } from '../../use-api';
import { AmountForm, DoneNotice, IntentDialog, positiveUpTo, useAmountIntent } from './amount-intent';
import {
  exactPrice,
  formatBasisPoints,
  parsePointsInput,
  parseStableInput,
  salePreview,
  settlePointsMicro,
} from './amounts';
import { Payouts, Withdrawals } from './requests';
import {
  MerchantNav,
  type MerchantWallet,
  merchantApi,
  NoMerchant,
  type Owed,
  useMerchantId,
} from './shared';

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
  const intent = useAmountIntent();
  const [result, setResult] = useState<string | null>(null);
  const held = BigInt(wallet.stable);
  const price = exactPrice(wallet);
  const confirming = intent.confirming;

  const settle = async () => {
    const done = await intent.submit((stable, key) =>
      apiPost<{ stableSpent: string; pointsReceivedMicro: string }>(
        `${base}/settle`,
        { stableFen: stable.toString() },
        key,
      ),
    );
    if (done !== undefined) {
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
        <AmountForm
          intent={intent}
          onReview={(event) => {
            setResult(null);
            intent.review(event, (text) => positiveUpTo(parseStableInput(text), held));
          }}
          label={t('merchant.settle.amount')}
          inputMode="numeric"
          hint={t('merchant.settle.hint', { n: formatStable(held) })}
          invalidText={t('merchant.settle.invalid', { n: formatStable(held) })}
          submitLabel={t('merchant.settle.submit')}
          all={{ label: t('merchant.settle.all'), value: () => held.toString() }}
        />
      )}
      <DoneNotice text={result} />
      <IntentDialog
        intent={intent}
        title={t('merchant.settle.confirmTitle')}
        confirmLabel={t('merchant.settle.submit')}
        onConfirm={settle}
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
      </IntentDialog>
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
  const intent = useAmountIntent();
  const [result, setResult] = useState<string | null>(null);
  const heldPoints = BigInt(wallet.pointsMicro);
  const price = exactPrice(wallet);
  const confirming = intent.confirming;

  const sell = async () => {
    const done = await intent.submit((points, key) =>
      apiPost<{ pointsMicro: string; netFen: string; feeFen: string }>(
        `${base}/sell`,
        { pointsMicro: points === heldPoints ? 'all' : points.toString() },
        key,
      ),
    );
    if (done !== undefined) {
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
        <AmountForm
          intent={intent}
          onReview={(event) => {
            setResult(null);
            intent.review(event, (text) => positiveUpTo(parsePointsInput(text), heldPoints));
          }}
          label={t('merchant.sell.amount')}
          inputMode="decimal"
          hint={t('merchant.sell.hint', { n: formatPointsMicro(heldPoints) })}
          invalidText={t('merchant.sell.invalid', { n: formatPointsMicro(heldPoints) })}
          submitLabel={t('merchant.sell.submit')}
          all={{
            label: t('merchant.sell.all'),
            value: () => formatPointsMicro(heldPoints).replace(/,/g, ''),
          }}
        />
      )}
      <DoneNotice text={result} />
      <IntentDialog
        intent={intent}
        title={t('merchant.sell.confirmTitle')}
        confirmLabel={t('merchant.sell.submit')}
        onConfirm={sell}
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
      </IntentDialog>
    </section>
  );
}
