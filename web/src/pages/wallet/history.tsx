import { useId } from 'react';
import { Empty, ErrorMessage, Loading } from '../../components/states';
import { formatFen, formatPointsMicro, formatStable, formatTime } from '../../format';
import { type MessageKey, useI18n } from '../../i18n';
import { walletZh } from '../../i18n/areas/wallet';
import { usePaged } from './paged';
import type { DividendItem, DividendPage, HistoryItem, HistoryPage, Posting } from './types';
import { MoreButton } from './withdrawals';

/** The text of a key built at run time when it exists, else the raw value (a type the UI does not know). */
function known(prefix: string, name: string): MessageKey | undefined {
  const key = `${prefix}${name}`;
  return key in walletZh ? (key as MessageKey) : undefined;
}

function signed(text: string, amount: bigint): string {
  return amount > 0n ? `+${text}` : text;
}

/** A posting's signed change in its asset's unit (CONTRACTS.md: fen, upt, stable, quota). */
function formatPosting(posting: Posting): string {
  const amount = BigInt(posting.amount);
  switch (posting.asset) {
    case 'fen':
    case 'quota':
      return signed(formatFen(amount), amount);
    case 'upt':
      return signed(formatPointsMicro(amount), amount);
    case 'stable':
      return signed(formatStable(amount), amount);
    default:
      return signed(amount.toString(), amount);
  }
}

/** The journal entries touching my accounts, newest first, each with its seq and my postings. */
export function HistoryCard() {
  const { t, lang } = useI18n();
  const titleId = useId();
  const list = usePaged<HistoryPage, HistoryItem>('/api/wallet/history?limit=20', 'before', (page) => ({
    items: page.items,
    next: page.nextBefore,
  }));
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('wallet.history')}</h2>
      {list.first.data === undefined ? (
        list.first.error !== undefined ? (
          <ErrorMessage error={list.first.error} onRetry={list.first.reload} />
        ) : (
          <Loading />
        )
      ) : list.items.length === 0 ? (
        <Empty>{t('wallet.noHistory')}</Empty>
      ) : (
        <ul className="lines">
          {list.items.map((item) => {
            const typeKey = known('wallet.type.', item.type);
            return (
              <li key={item.seq} className="line">
                <span className="line-text">
                  <strong>{typeKey !== undefined ? t(typeKey) : item.type}</strong>
                  <small className="muted">
                    {formatTime(item.time, lang)} · {t('wallet.seq', { seq: item.seq })}
                  </small>
                </span>
                <ul className="lines" style={{ flex: '1 1 160px', textAlign: 'right' }}>
                  {item.postings.map((posting) => {
                    const account = posting.account.slice(posting.account.lastIndexOf(':') + 1);
                    const accountKey = known('wallet.account.', account);
                    return (
                      <li key={`${posting.account}/${posting.asset}`}>
                        <span className="muted">{accountKey !== undefined ? t(accountKey) : account}</span>{' '}
                        <span>{formatPosting(posting)}</span>
                      </li>
                    );
                  })}
                </ul>
              </li>
            );
          })}
        </ul>
      )}
      <MoreButton list={list} />
    </section>
  );
}

/** What each dividend run paid me, newest first. */
export function DividendsCard() {
  const { t, lang } = useI18n();
  const titleId = useId();
  const list = usePaged<DividendPage, DividendItem>('/api/wallet/dividends?limit=20', 'cursor', (page) => ({
    items: page.items,
    next: page.nextCursor,
  }));
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('wallet.dividends')}</h2>
      {list.first.data === undefined ? (
        list.first.error !== undefined ? (
          <ErrorMessage error={list.first.error} onRetry={list.first.reload} />
        ) : (
          <Loading />
        )
      ) : list.items.length === 0 ? (
        <Empty>{t('wallet.noDividends')}</Empty>
      ) : (
        <ul className="lines">
          {list.items.map((item) => (
            <li key={item.seq} className="line">
              <span className="line-text">
                <strong>{t('wallet.dividendDate', { date: item.date })}</strong>
                <small className="muted">
                  {formatTime(item.time, lang)} · {t('wallet.seq', { seq: item.seq })}
                </small>
              </span>
              <span className={BigInt(item.paidFen) === 0n ? 'muted' : undefined}>
                {t('wallet.dividendPaid', { amount: formatFen(item.paidFen) })}
              </span>
            </li>
          ))}
        </ul>
      )}
      <MoreButton list={list} />
    </section>
  );
}
