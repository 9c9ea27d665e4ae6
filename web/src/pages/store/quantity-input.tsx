import { useId } from 'react';
import { useT } from '../../i18n';

/** A number field with − and + buttons, each a real button with a label; clamps to min..max. */
export function QuantityInput(props: {
  value: number;
  min: number;
  max: number;
  label?: string;
  disabled?: boolean;
  onChange(value: number): void;
}) {
  const t = useT();
  const id = useId();
  const clamp = (n: number) =>
    Math.min(props.max, Math.max(props.min, Number.isFinite(n) ? Math.trunc(n) : 0));
  return (
    <div className="quantity">
      <label htmlFor={id} className="visually-hidden">
        {props.label ?? t('product.quantity')}
      </label>
      <button
        type="button"
        className="button secondary small"
        aria-label={t('product.decrease')}
        disabled={props.disabled === true || props.value <= props.min}
        onClick={() => props.onChange(clamp(props.value - 1))}
      >
        −
      </button>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={props.min}
        max={props.max}
        value={props.value}
        disabled={props.disabled}
        onChange={(event) => props.onChange(clamp(Number(event.target.value)))}
      />
      <button
        type="button"
        className="button secondary small"
        aria-label={t('product.increase')}
        disabled={props.disabled === true || props.value >= props.max}
        onClick={() => props.onChange(clamp(props.value + 1))}
      >
        +
      </button>
    </div>
  );
}
