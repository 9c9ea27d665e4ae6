import { type FormEvent, type ReactNode, useId, useRef, useState } from 'react';
import { newIdempotencyKey } from '../../api';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorMessage } from '../../components/states';
import { useAction } from '../../use-api';

/** The amount when it is above zero and (with a `max`) at most `max`, else undefined. */
export function positiveUpTo(value: bigint | undefined, max?: bigint): bigint | undefined {
  if (value === undefined || value <= 0n) return undefined;
  if (max !== undefined && value > max) return undefined;
  return value;
}

/**
 * One money-moving intent of the wallet's forms: the amount typed, its check, the confirm step, and
 * the Idempotency-Key kept across retries and renewed when the amount changes or the request succeeds.
 */
export function useAmountIntent() {
  const [amount, setAmountText] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [confirming, setConfirming] = useState<bigint | null>(null);
  const key = useRef(newIdempotencyKey());
  const action = useAction();
  const renew = () => {
    key.current = newIdempotencyKey();
  };
  return {
    amount,
    invalid,
    confirming,
    action,
    renew,
    /** A changed amount is a new intent, so it gets a new key. */
    setAmount(text: string) {
      setAmountText(text);
      renew();
    },
    cancel: () => setConfirming(null),
    /** Checks the typed amount (`check` returns undefined when it is not allowed) and asks to confirm. */
    review(event: FormEvent, check: (text: string) => bigint | undefined) {
      event.preventDefault();
      const value = check(amount);
      setInvalid(value === undefined);
      if (value !== undefined) setConfirming(value);
    },
    /** Sends the confirmed amount; on success the form is cleared and the key renewed. */
    async submit<R>(post: (value: bigint, key: string) => Promise<R>): Promise<R | undefined> {
      if (confirming === null) return undefined;
      const done = await action.run(() => post(confirming, key.current));
      setConfirming(null);
      if (done !== undefined) {
        renew();
        setAmountText('');
      }
      return done;
    },
  };
}

export type AmountIntent = ReturnType<typeof useAmountIntent>;

interface AmountFormProps {
  readonly intent: AmountIntent;
  onReview(event: FormEvent): void;
  readonly label: string;
  readonly inputMode: 'numeric' | 'decimal';
  readonly hint?: string;
  readonly invalidText: string;
  readonly submitLabel: string;
  /** The "all" button: its label and the amount it fills in. */
  readonly all?: { readonly label: string; value(): string };
  /** More fields after the amount. */
  readonly children?: ReactNode;
}

/** The amount form: the field (with its hint), the check's message, the server's error and the buttons. */
export function AmountForm({
  intent,
  onReview,
  label,
  inputMode,
  hint,
  invalidText,
  submitLabel,
  all,
  children,
}: AmountFormProps) {
  const inputId = useId();
  const submit = (
    <button type="submit" className="button" disabled={intent.action.busy}>
      {submitLabel}
    </button>
  );
  return (
    <form onSubmit={onReview}>
      <div className="field">
        <label htmlFor={inputId}>{label}</label>
        <input
          id={inputId}
          inputMode={inputMode}
          required
          value={intent.amount}
          aria-invalid={intent.invalid}
          aria-describedby={hint === undefined ? undefined : `${inputId}-hint`}
          onChange={(event) => intent.setAmount(event.target.value)}
        />
        {hint === undefined ? null : (
          <span id={`${inputId}-hint`} className="muted">
            {hint}
          </span>
        )}
      </div>
      {children}
      {intent.invalid ? (
        <p className="state state-error" role="alert">
          {invalidText}
        </p>
      ) : null}
      {intent.action.error !== undefined ? <ErrorMessage error={intent.action.error} /> : null}
      {all === undefined ? (
        submit
      ) : (
        <div className="actions">
          <button
            type="button"
            className="button secondary small"
            onClick={() => intent.setAmount(all.value())}
          >
            {all.label}
          </button>
          {submit}
        </div>
      )}
    </form>
  );
}

/** The confirm step of an intent, with the amounts in `children`. */
export function IntentDialog({
  intent,
  title,
  confirmLabel,
  onConfirm,
  children,
}: {
  intent: AmountIntent;
  title: string;
  confirmLabel: string;
  onConfirm(): void;
  children: ReactNode;
}) {
  return (
    <ConfirmDialog
      open={intent.confirming !== null}
      title={title}
      confirmLabel={confirmLabel}
      busy={intent.action.busy}
      onConfirm={onConfirm}
      onCancel={intent.cancel}
    >
      {children}
    </ConfirmDialog>
  );
}

/** The line that says what a finished request did. */
export function DoneNotice({ text }: { text: string | null }) {
  if (text === null) return null;
  return (
    <p className="notice" role="status">
      {text}
    </p>
  );
}
