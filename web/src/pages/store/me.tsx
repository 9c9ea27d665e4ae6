import { useAuth } from '../../auth';
import { LanguageSwitch, PageTitle } from '../../components/layout';
import { useT } from '../../i18n';
import { Link, useRouter } from '../../router';

/** 我的: who is signed in, links to their pages, the language and sign-out. */
export default function MePage() {
  const t = useT();
  const { member, logout } = useAuth();
  const { navigate } = useRouter();
  if (member === null || member === undefined) return null;
  return (
    <>
      <PageTitle>{t('page.me')}</PageTitle>
      <section className="card">
        <p className="member-name">{member.displayName}</p>
        <p className="muted">{member.phone ?? member.email}</p>
        {member.referralLink !== null ? (
          <p>
            {t('me.referralLink')}{' '}
            <code>
              {window.location.origin}
              {member.referralLink}
            </code>
          </p>
        ) : null}
      </section>
      <nav aria-label={t('page.me')}>
        <ul className="menu">
          <li>
            <Link to="/orders">{t('page.orders')}</Link>
          </li>
          {member.role === 'consumer' ? (
            <>
              <li>
                <Link to="/wallet">{t('page.wallet')}</Link>
              </li>
              <li>
                <Link to="/referral">{t('page.referral')}</Link>
              </li>
            </>
          ) : null}
          {member.role === 'merchant' ? (
            <li>
              <Link to="/merchant">{t('page.merchant')}</Link>
            </li>
          ) : null}
          {member.role === 'admin' ? (
            <li>
              <Link to="/admin">{t('page.admin')}</Link>
            </li>
          ) : null}
          <li>
            <Link to="/leaderboard">{t('page.leaderboard')}</Link>
          </li>
          <li>
            <Link to="/transparency">{t('page.transparency')}</Link>
          </li>
        </ul>
      </nav>
      <div className="actions">
        <LanguageSwitch />
        <button
          type="button"
          className="button secondary"
          onClick={async () => {
            await logout();
            navigate('/', { replace: true });
          }}
        >
          {t('auth.logout')}
        </button>
      </div>
    </>
  );
}
