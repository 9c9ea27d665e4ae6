import type { ReactNode } from 'react';
import type { ApiError } from '../api';
import { useT } from '../i18n';

/** Loading, empty and error states, the same on every page. */

export function Loading({ label }: { label?: string }) {
  const t = useT();
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label ?? t('state.loading')}</span>
    </div>
  );
}

export function Empty({ children, action }: { children?: ReactNode; action?: ReactNode }) {
  const t = useT();
  return (
    <div className="state state-empty">
      <p>{children ?? t('state.empty')}</p>
      {action}
    </div>
  );
}

/**
 * The server's own message (and its code, for support) in an alert region, so screen readers announce
 * it; with `onRetry`, a button to try again.
 */
export function ErrorMessage({ error, onRetry }: { error: ApiError | Error; onRetry?: () => void }) {
  const t = useT();
  const code = 'code' in error ? String(error.code) : undefined;
  const network = code === 'NETWORK_ERROR';
  return (
    <div className="state state-error" role="alert">
      <p>
        {network ? t('error.network') : error.message}
        {code !== undefined && !network ? <span className="error-code"> ({code})</span> : null}
      </p>
      {onRetry ? (
        <button type="button" className="button secondary" onClick={onRetry}>
          {t('action.retry')}
        </button>
      ) : null}
    </div>
  );
}
