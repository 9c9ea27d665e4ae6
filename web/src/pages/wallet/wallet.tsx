import { useCallback, useId, useState } from 'react';
import { PageTitle } from '../../components/layout';
import { ErrorMessage, Loading } from '../../components/states';
import { useI18n } from '../../i18n';
import { Link } from '../../router';
import type { PageProps } from '../../routes';
import { useApi } from '../../use-api';
import { DividendsCard, HistoryCard } from './history';
import { QuotaCard, WalletSummary } from './summary';
import { TradeCard } from './trade';
import type { Transparency, WalletView } from './types';
import { WithdrawalList, WithdrawCard } from './withdrawals';

/**
 * 钱包: points, price and value, the quota left before the forced exit, level, stable points and cash;
 * selling and converting points, withdrawals, the wallet's history and dividends, and the risk
 * statement (docs/api-wallet.md).
 */
export default function WalletPage(_props: PageProps) {
  const { t, lang } = useI18n();
  const riskId = useId();
  const wallet = useApi<WalletView>('/api/wallet');
  const transparency = useApi<Transparency>('/api/transparency');
  // Bumped after a sale, conversion or withdrawal so the lists below load again.
  const [version, setVersion] = useState(0);
  const reloadWallet = wallet.reload;
  const changed = useCallback(() => {
    reloadWallet();
    setVersion((v) => v + 1);
  }, [reloadWallet]);

  return (
    <>
      <PageTitle>{t('page.wallet')}</PageTitle>
      {wallet.data === undefined ? (
        wallet.error !== undefined ? (
          <ErrorMessage error={wallet.error} onRetry={wallet.reload} />
        ) : (
          <Loading />
        )
      ) : (
        <>
          <WalletSummary wallet={wallet.data} />
          <QuotaCard wallet={wallet.data} />
          {transparency.error !== undefined ? (
            <ErrorMessage error={transparency.error} onRetry={transparency.reload} />
          ) : null}
          <TradeCard
            wallet={wallet.data}
            rates={transparency.data}
            ratesFailed={transparency.error !== undefined}
            onDone={changed}
          />
          <WithdrawCard cashFen={wallet.data.cashFen} onDone={changed} />
          <WithdrawalList key={`w${version}`} />
          <HistoryCard key={`h${version}`} />
          <DividendsCard key={`d${version}`} />
        </>
      )}
      <nav aria-label={t('page.wallet')}>
        <ul className="menu">
          <li>
            <Link to="/referral">{t('page.referral')}</Link>
          </li>
          <li>
            <Link to="/leaderboard">{t('page.leaderboard')}</Link>
          </li>
        </ul>
      </nav>
      {transparency.data !== undefined ? (
        <section className="card" aria-labelledby={riskId}>
          <h2 id={riskId}>{t('wallet.risk')}</h2>
          <p style={{ whiteSpace: 'pre-line' }}>
            {lang === 'en' ? transparency.data.riskStatement.en : transparency.data.riskStatement.zh}
          </p>
        </section>
      ) : null}
    </>
  );
}
