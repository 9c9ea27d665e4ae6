import { useEffect, useId, useRef, useState } from 'react';
import { useAuth } from '../../auth';
import { PageTitle } from '../../components/layout';
import { Empty, ErrorMessage, Loading } from '../../components/states';
import { formatPointsMicro, formatTime } from '../../format';
import { useI18n } from '../../i18n';
import type { PageProps } from '../../routes';
import { useApi } from '../../use-api';
import type { ReferralReport } from '../wallet/types';

/** The QR code of `text` as a data URL; the qrcode library is loaded here only, on first use. */
function useQrCode(text: string | null): { url: string | undefined; failed: boolean } {
  const [state, setState] = useState<{ url: string | undefined; failed: boolean }>({
    url: undefined,
    failed: false,
  });
  useEffect(() => {
    if (text === null) return;
    let live = true;
    import('qrcode')
      .then((qrcode) => qrcode.toDataURL(text, { margin: 1, width: 240, errorCorrectionLevel: 'M' }))
      .then(
        (url) => {
          if (live) setState({ url, failed: false });
        },
        () => {
          if (live) setState({ url: undefined, failed: true });
        },
      );
    return () => {
      live = false;
    };
  }, [text]);
  return state;
}

/** Copies with the Clipboard API, or by selecting the field where that is missing (plain http). */
async function copyText(text: string, field: HTMLInputElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard !== undefined && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Fall through to the selection.
  }
  if (field === null) return false;
  field.focus();
  field.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  }
}

/** 推荐好友: my referral link and its QR code, the people I referred and the points each earned me. */
export default function ReferralPage(_props: PageProps) {
  const { t, lang } = useI18n();
  const { member } = useAuth();
  const linkId = useId();
  const linkTitleId = useId();
  const peopleTitleId = useId();
  const field = useRef<HTMLInputElement>(null);
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const code = member?.referralCode ?? null;
  const link = code === null ? null : `${window.location.origin}/r/${encodeURIComponent(code)}`;
  const qr = useQrCode(link);
  const report = useApi<ReferralReport>('/api/wallet/referrals');

  return (
    <>
      <PageTitle>{t('page.referral')}</PageTitle>
      <section className="card" aria-labelledby={linkTitleId}>
        <h2 id={linkTitleId}>{t('referral.link')}</h2>
        {member === undefined ? (
          <Loading />
        ) : link === null ? (
          <p className="muted">{t('referral.noCode')}</p>
        ) : (
          <>
            <div className="field">
              <label htmlFor={linkId}>{t('referral.linkLabel')}</label>
              <div className="search-form">
                <input id={linkId} ref={field} readOnly value={link} onFocus={(e) => e.target.select()} />
                <button
                  type="button"
                  className="button"
                  onClick={async () =>
                    setCopyState((await copyText(link, field.current)) ? 'copied' : 'failed')
                  }
                >
                  {t('referral.copy')}
                </button>
              </div>
            </div>
            <div role="status">
              {copyState === 'copied' ? <p className="notice">{t('referral.copied')}</p> : null}
              {copyState === 'failed' ? <p className="muted">{t('referral.copyFailed')}</p> : null}
            </div>
            <figure style={{ margin: '12px 0', textAlign: 'center' }}>
              {qr.url !== undefined ? (
                <img
                  src={qr.url}
                  width={240}
                  height={240}
                  alt={t('referral.qrAlt', { link })}
                  style={{ margin: '0 auto', imageRendering: 'pixelated' }}
                />
              ) : qr.failed ? null : (
                <Loading />
              )}
              <figcaption className="muted">{t('referral.qrHint')}</figcaption>
            </figure>
          </>
        )}
      </section>
      <section className="card" aria-labelledby={peopleTitleId}>
        <h2 id={peopleTitleId}>{t('referral.people')}</h2>
        {report.data === undefined ? (
          report.error !== undefined ? (
            <ErrorMessage error={report.error} onRetry={report.reload} />
          ) : (
            <Loading />
          )
        ) : report.data.referrals.length === 0 ? (
          <Empty>{t('referral.none')}</Empty>
        ) : (
          <>
            <p>
              <strong>
                {t('referral.total', { points: formatPointsMicro(report.data.totalEarnedMicro) })}
              </strong>
            </p>
            <ul className="lines">
              {report.data.referrals.map((person) => (
                <li key={`${person.member}/${person.joinedAt}`} className="line">
                  <span className="line-text">
                    <strong>{person.member}</strong>
                    <small className="muted">
                      {t('referral.joined', { date: formatTime(person.joinedAt, lang) })}
                    </small>
                  </span>
                  <span>{t('referral.earned', { points: formatPointsMicro(person.earnedMicro) })}</span>
                </li>
              ))}
            </ul>
            {report.data.truncated ? <p className="muted">{t('referral.truncated')}</p> : null}
            <p className="muted">{t('referral.earnedNote')}</p>
          </>
        )}
      </section>
    </>
  );
}
