import { type FormEvent, useId, useState } from 'react';
import { rememberedReferral, useAuth } from '../../auth';
import { PageTitle } from '../../components/layout';
import { ErrorMessage } from '../../components/states';
import { useT } from '../../i18n';
import { Link, useRouter, useSearchParams } from '../../router';
import { useAction } from '../../use-api';
import { safeNext } from './login';

/**
 * 注册: phone or e-mail, password, a display name, and the referral code of the link the visitor came
 * by (`?ref=`, or the one kept since arriving), which fixes the referrer for good.
 */
export default function RegisterPage() {
  const t = useT();
  const ids = { identifier: useId(), password: useId(), name: useId(), ref: useId() };
  const { register } = useAuth();
  const { navigate } = useRouter();
  const params = useSearchParams();
  const next = safeNext(params.get('next'));
  const [identifier, setIdentifier] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [referralCode, setReferralCode] = useState(() => params.get('ref') ?? rememberedReferral());
  const action = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const member = await action.run(() =>
      register({
        identifier,
        password,
        ...(displayName.trim() !== '' ? { displayName: displayName.trim() } : {}),
        ...(referralCode.trim() !== '' ? { referralCode: referralCode.trim() } : {}),
      }),
    );
    if (member !== undefined) navigate(next, { replace: true });
  };
  return (
    <form className="auth-form" onSubmit={submit}>
      <PageTitle>{t('page.register')}</PageTitle>
      <div className="field">
        <label htmlFor={ids.identifier}>{t('auth.identifier')}</label>
        <input
          id={ids.identifier}
          autoComplete="username"
          required
          value={identifier}
          onChange={(event) => setIdentifier(event.target.value)}
        />
        <span className="muted">{t('auth.identifierHint')}</span>
      </div>
      <div className="field">
        <label htmlFor={ids.password}>{t('auth.password')}</label>
        <input
          id={ids.password}
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          maxLength={128}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <span className="muted">{t('auth.passwordHint')}</span>
      </div>
      <div className="field">
        <label htmlFor={ids.name}>{t('auth.displayName')}</label>
        <input
          id={ids.name}
          autoComplete="nickname"
          maxLength={64}
          value={displayName}
          onChange={(event) => setDisplayName(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.ref}>{t('auth.referralCode')}</label>
        <input
          id={ids.ref}
          maxLength={32}
          value={referralCode}
          onChange={(event) => setReferralCode(event.target.value)}
        />
        <span className="muted">{t('auth.referralHint')}</span>
      </div>
      {action.error !== undefined ? <ErrorMessage error={action.error} /> : null}
      <button type="submit" className="button wide" disabled={action.busy}>
        {t('auth.register')}
      </button>
      <p>
        {t('auth.haveAccount')} <Link to={`/login?next=${encodeURIComponent(next)}`}>{t('auth.login')}</Link>
      </p>
    </form>
  );
}
