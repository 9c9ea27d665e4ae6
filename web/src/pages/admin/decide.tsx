import { type ReactNode, useId, useRef, useState } from 'react';
import { apiPost, newIdempotencyKey } from '../../api';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorMessage } from '../../components/states';
import { useI18n } from '../../i18n';
import { useAction } from '../../use-api';

export interface Decision {
  /** The POST path, e.g. /api/admin/withdrawals/<id>/reject. */
  readonly path: string;
  readonly title: string;
  readonly confirmLabel: string;
  readonly danger?: boolean;
  /** What is decided, with the amount. */
  readonly text: ReactNode;
  /** A text the admin types (a reason, a reference), sent as `body[field.name]`. */
  readonly field?: { name: string; label: string; required: boolean; maxLength: number; multiline?: boolean };
}

/**
 * A decision on a withdrawal or payout: confirmed in a dialog (with its reason or reference), posted
 * with an Idempotency-Key kept per path until it succeeds, the server's error shown in the dialog.
 */
export function DecisionDialog<T>({
  decision,
  onClose,
  onDone,
}: {
  decision: Decision | undefined;
  onClose(): void;
  onDone(result: T): void;
}) {
  const { t } = useI18n();
  const action = useAction();
  const fieldId = useId();
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const keys = useRef(new Map<string, string>());
  const close = () => {
    action.clearError();
    setText('');
    setMissing(false);
    onClose();
  };
  const confirm = async () => {
    if (decision === undefined) return;
    const field = decision.field;
    const value = text.trim();
    if (field?.required === true && value === '') {
      setMissing(true);
      return;
    }
    let key = keys.current.get(decision.path);
    if (key === undefined) {
      key = newIdempotencyKey();
      keys.current.set(decision.path, key);
    }
    const body = field !== undefined && value !== '' ? { [field.name]: value } : {};
    const usedKey = key;
    const result = await action.run(() => apiPost<T>(decision.path, body, usedKey));
    if (result !== undefined) {
      keys.current.delete(decision.path);
      setText('');
      setMissing(false);
      onDone(result);
    }
  };
  const field = decision?.field;
  return (
    <ConfirmDialog
      open={decision !== undefined}
      title={decision?.title ?? ''}
      confirmLabel={decision?.confirmLabel ?? t('action.confirm')}
      danger={decision?.danger === true}
      busy={action.busy}
      onConfirm={confirm}
      onCancel={close}
    >
      {decision ? <div>{decision.text}</div> : null}
      {field ? (
        <div className="field">
          <label htmlFor={fieldId}>
            {field.label}
            {field.required ? ` (${t('admin.required')})` : ''}
          </label>
          {field.multiline ? (
            <textarea
              id={fieldId}
              value={text}
              maxLength={field.maxLength}
              rows={3}
              required={field.required}
              aria-invalid={missing}
              onChange={(event) => setText(event.target.value)}
            />
          ) : (
            <input
              id={fieldId}
              value={text}
              maxLength={field.maxLength}
              required={field.required}
              aria-invalid={missing}
              onChange={(event) => setText(event.target.value)}
            />
          )}
          {missing ? (
            <span className="admin-bad" role="alert">
              {t('admin.fieldRequired', { field: field.label })}
            </span>
          ) : null}
        </div>
      ) : null}
      {action.error ? <ErrorMessage error={action.error} /> : null}
    </ConfirmDialog>
  );
}
