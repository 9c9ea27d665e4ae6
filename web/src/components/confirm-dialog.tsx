import { type ReactNode, useEffect, useId, useRef } from 'react';
import { useT } from '../i18n';

interface ConfirmDialogProps {
  readonly open: boolean;
  readonly title: string;
  readonly children?: ReactNode;
  readonly confirmLabel?: string;
  readonly cancelLabel?: string;
  /** Disables both buttons while the confirmed action runs. */
  readonly busy?: boolean;
  /** A destructive action gets the danger style. */
  readonly danger?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * A modal confirmation on the native <dialog>: focus moves into it and stays there, Escape cancels,
 * and it is announced as an alert dialog with its title and text. Use it before anything moves money
 * or cannot be undone, with the amounts in `children`.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();
  const { open, onCancel } = props;

  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return;
    // Escape fires `cancel`; the parent owns `open`, so it decides.
    const onNativeCancel = (event: Event) => {
      event.preventDefault();
      onCancel();
    };
    dialog.addEventListener('cancel', onNativeCancel);
    return () => dialog.removeEventListener('cancel', onNativeCancel);
  }, [onCancel]);

  return (
    <dialog
      ref={ref}
      className="dialog"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
    >
      <h2 id={titleId} className="dialog-title">
        {props.title}
      </h2>
      <div id={bodyId} className="dialog-body">
        {props.children}
      </div>
      <div className="dialog-actions">
        <button type="button" className="button secondary" onClick={onCancel} disabled={props.busy}>
          {props.cancelLabel ?? t('action.cancel')}
        </button>
        <button
          type="button"
          className={props.danger === true ? 'button danger' : 'button'}
          onClick={props.onConfirm}
          disabled={props.busy}
          aria-busy={props.busy}
        >
          {props.confirmLabel ?? t('action.confirm')}
        </button>
      </div>
    </dialog>
  );
}
