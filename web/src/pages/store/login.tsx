import { type FormEvent, useId, useState } from 'react';
import { useAuth } from '../../auth';
import { PageTitle } from '../../components/layout';
import { ErrorMessage } from '../../components/states';
import { useT } from '../../i18n';
import { Link, useRouter, useSearchParams } from '../../router';
import { useAction } from '../../use-api';

/** Only same-site paths are followed after sign-in, so a crafted link cannot send members elsewhere. */
export function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** 登录: phone or e-mail and password (POST /api/auth/login), then back to where the member was. */
export default function LoginPage() {
  const t = useT();
  const idId = useId();
  const passwordId = useId();
  const { login } = useAuth();
  const { navigate } = useRouter();
  const params = useSearchParams();
  const next = safeNext(params.get('next'));
  const [identifier, setIdentifier] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const member = await action.run(() => login(identifier, password));
    if (member !== undefined) navigate(next, { replace: true });
  };
  return (
    <form className="auth-form" onSubmit={submit}>
      <PageTitle>{t('page.login')}</PageTitle>
      <div className="field">
        <label htmlFor={idId}>{t('auth.identifier')}</label>
        <input
          id={idId}
          autoComplete="username"
          required
          value={identifier}
          onChange={(event) => setIdentifier(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={passwordId}>{t('auth.password')}</label>
        <input
          id={passwordId}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
      </div>
      {action.error !== undefined ? <ErrorMessage error={action.error} /> : null}
      <button type="submit" className="button wide" disabled={action.busy}>
        {t('auth.login')}
      </button>
      <p>
        {t('auth.noAccount')}{' '}
        <Link to={`/register?next=${encodeURIComponent(next)}`}>{t('auth.register')}</Link>
      </p>
    </form>
  );
}
