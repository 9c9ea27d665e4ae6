import { useId } from 'react';
import { PageTitle } from '../../components/layout';
import { Empty, ErrorMessage, Loading } from '../../components/states';
import { formatFen, formatPointsMicro, formatTime } from '../../format';
import { useI18n } from '../../i18n';
import type { PageProps } from '../../routes';
import { useApi } from '../../use-api';
import type { Leaderboard, Levels } from '../wallet/types';

const cell = { padding: '6px 4px', whiteSpace: 'nowrap' } as const;

/** 排行榜 (public): the top 10 members by points held, masked, and the member levels. */
export default function LeaderboardPage(_props: PageProps) {
  const { t, lang } = useI18n();
  const topId = useId();
  const levelsId = useId();
  const board = useApi<Leaderboard>('/api/leaderboard');
  const levels = useApi<Levels>('/api/levels');
  const levelName = (level: { name: string; nameEn: string }) => (lang === 'en' ? level.nameEn : level.name);

  return (
    <>
      <PageTitle>{t('page.leaderboard')}</PageTitle>
      <section className="card" aria-labelledby={topId}>
        <h2 id={topId}>{t('leaderboard.top')}</h2>
        {board.data === undefined ? (
          board.error !== undefined ? (
            <ErrorMessage error={board.error} onRetry={board.reload} />
          ) : (
            <Loading />
          )
        ) : board.data.items.length === 0 ? (
          <Empty>{t('leaderboard.none')}</Empty>
        ) : (
          <>
            <div style={{ overflowX: 'auto' }}>
              <table style={{ width: '100%', borderCollapse: 'collapse' }}>
                <caption className="visually-hidden">{t('leaderboard.top')}</caption>
                <thead>
                  <tr>
                    <th scope="col" style={{ ...cell, textAlign: 'left' }}>
                      {t('leaderboard.rank')}
                    </th>
                    <th scope="col" style={{ ...cell, textAlign: 'left' }}>
                      {t('leaderboard.member')}
                    </th>
                    <th scope="col" style={{ ...cell, textAlign: 'right' }}>
                      {t('leaderboard.points')}
                    </th>
                    <th scope="col" style={{ ...cell, textAlign: 'right' }}>
                      {t('leaderboard.value')}
                    </th>
                    <th scope="col" style={{ ...cell, textAlign: 'left' }}>
                      {t('leaderboard.level')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {board.data.items.map((row) => (
                    <tr key={row.rank} style={{ borderTop: '1px solid var(--line)' }}>
                      <td style={cell}>{row.rank}</td>
                      <th scope="row" style={{ ...cell, textAlign: 'left', fontWeight: 400 }}>
                        {row.member}
                      </th>
                      <td style={{ ...cell, textAlign: 'right' }}>{formatPointsMicro(row.pointsMicro, 2)}</td>
                      <td style={{ ...cell, textAlign: 'right' }}>{formatFen(row.valueFen)}</td>
                      <td style={cell}>
                        <span className="badge">{levelName(row.level)}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p className="muted">
              {t('leaderboard.updated', { time: formatTime(board.data.computedAt, lang) })}
            </p>
          </>
        )}
      </section>
      <section className="card" aria-labelledby={levelsId}>
        <h2 id={levelsId}>{t('leaderboard.levels')}</h2>
        {levels.data === undefined ? (
          levels.error !== undefined ? (
            <ErrorMessage error={levels.error} onRetry={levels.reload} />
          ) : (
            <Loading />
          )
        ) : levels.data.items.length === 0 ? (
          <Empty />
        ) : (
          <ul className="lines">
            {levels.data.items.map((level) => (
              <li key={level.minPointsMicro} className="line">
                <span className="badge">{levelName(level)}</span>
                <span>{t('leaderboard.levelFrom', { points: formatPointsMicro(level.minPointsMicro) })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
