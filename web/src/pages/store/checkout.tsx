import { type FormEvent, useId, useRef, useState } from 'react';
import { type ApiError, apiPost, newIdempotencyKey } from '../../api';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { PageTitle } from '../../components/layout';
import { Money } from '../../components/money';
import { Empty, ErrorMessage, Loading } from '../../components/states';
import { useT } from '../../i18n';
import { Link, useSearchParams } from '../../router';
import type { Cart, Order, Payment, Product } from '../../types';
import { useAction, useApi } from '../../use-api';
import {
  isPayFormValid,
  type PayForm,
  PaymentChoiceFields,
  PaymentOutcome,
  payBody,
  stablePartOf,
} from './pay-panel';

const ADDRESS_KEY = 'tokenmall.address';

interface Line {
  readonly skuId: string;
  readonly title: string;
  readonly skuName: string;
  readonly unitPriceFen: string;
  readonly quantity: number;
}

interface Outcome {
  readonly order: Order;
  readonly payment?: Payment;
  readonly error?: ApiError;
}

/** Coupon codes as typed: separated by spaces or commas (Chinese commas too). */
function couponCodes(text: string): string[] {
  return text
    .split(/[\s,，]+/)
    .map((code) => code.trim())
    .filter((code) => code !== '');
}

/**
 * 结算: the lines (the cart, or one SKU from "buy now"), the address, coupon codes and the payment
 * choice. Placing makes one order per merchant (POST /api/checkout); each is then paid as chosen.
 */
export default function CheckoutPage() {
  const t = useT();
  const params = useSearchParams();
  const skuId = params.get('sku');
  const productId = params.get('product');
  const quantity = Math.max(1, Math.min(999, Number(params.get('qty') ?? '1') || 1));
  const single = skuId !== null && productId !== null;
  const cart = useApi<Cart>(single ? null : '/api/cart');
  const product = useApi<Product>(single ? `/api/products/${encodeURIComponent(productId)}` : null);

  const source = single ? product : cart;
  if (source.error !== undefined) return <ErrorMessage error={source.error} onRetry={source.reload} />;
  if (source.loading) return <Loading />;
  let lines: Line[] = [];
  if (single) {
    const sku = product.data?.skus.find((s) => s.id === skuId);
    if (product.data !== undefined && sku !== undefined) {
      lines = [
        { skuId: sku.id, title: product.data.title, skuName: sku.name, unitPriceFen: sku.priceFen, quantity },
      ];
    }
  } else {
    lines = (cart.data?.merchants ?? []).flatMap((m) => m.items);
  }
  if (lines.length === 0) {
    return <Empty action={<Link to="/">{t('cart.browse')}</Link>}>{t('cart.empty')}</Empty>;
  }
  return <CheckoutForm lines={lines} single={single} />;
}

function CheckoutForm({ lines, single }: { lines: readonly Line[]; single: boolean }) {
  const t = useT();
  const addressId = useId();
  const couponId = useId();
  const [address, setAddress] = useState(() => localStorage.getItem(ADDRESS_KEY) ?? '');
  const [coupons, setCoupons] = useState('');
  const [pay, setPay] = useState<PayForm>({ choice: 'cash', stablePart: '' });
  const [confirming, setConfirming] = useState(false);
  const [outcomes, setOutcomes] = useState<readonly Outcome[] | undefined>(undefined);
  const action = useAction();
  // The checkout's key stays the same across retries of this one checkout (api.ts).
  const key = useRef(newIdempotencyKey());
  const subtotal = lines.reduce((sum, line) => sum + BigInt(line.unitPriceFen) * BigInt(line.quantity), 0n);
  const valid = address.trim() !== '' && isPayFormValid(pay);

  const place = async () => {
    const checkoutKey = key.current;
    const codes = couponCodes(coupons);
    const placed = await action.run(() =>
      apiPost<{ checkoutId: string; orders: Order[] }>(
        '/api/checkout',
        {
          address: address.trim(),
          ...(single ? { items: lines.map((l) => ({ skuId: l.skuId, quantity: l.quantity })) } : {}),
          ...(codes.length > 0 ? { coupons: codes } : {}),
        },
        checkoutKey,
      ),
    );
    setConfirming(false);
    if (placed === undefined) return;
    localStorage.setItem(ADDRESS_KEY, address.trim());
    key.current = newIdempotencyKey();
    setOutcomes(await payAll(placed.orders, pay, checkoutKey));
  };

  if (outcomes !== undefined) return <CheckoutDone outcomes={outcomes} />;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (valid) setConfirming(true);
  };
  return (
    <form onSubmit={submit} noValidate>
      <PageTitle>{t('page.checkout')}</PageTitle>
      <section className="card" aria-label={t('checkout.items')}>
        <ul className="lines">
          {lines.map((line) => (
            <li key={line.skuId} className="line">
              <div className="line-text">
                <span>{line.title}</span>
                <span className="muted">
                  {line.skuName} × {line.quantity}
                </span>
              </div>
              <Money fen={(BigInt(line.unitPriceFen) * BigInt(line.quantity)).toString()} />
            </li>
          ))}
        </ul>
        <p className="subtotal">
          {t('cart.subtotal')} <Money fen={subtotal.toString()} />
        </p>
      </section>
      <div className="field">
        <label htmlFor={addressId}>{t('checkout.address')}</label>
        <textarea
          id={addressId}
          required
          maxLength={500}
          rows={3}
          value={address}
          aria-invalid={address.trim() === ''}
          onChange={(event) => setAddress(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={couponId}>{t('checkout.coupon')}</label>
        <input
          id={couponId}
          value={coupons}
          maxLength={200}
          onChange={(event) => setCoupons(event.target.value)}
        />
        <span className="muted">{t('checkout.couponHint')}</span>
      </div>
      <PaymentChoiceFields value={pay} onChange={setPay} />
      {action.error !== undefined ? <ErrorMessage error={action.error} /> : null}
      <div className="actions sticky-actions">
        <p className="total">
          {t('cart.total')} <Money fen={subtotal.toString()} />
        </p>
        <button type="submit" className="button" disabled={!valid || action.busy}>
          {t('checkout.place')}
        </button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={t('checkout.confirmTitle')}
        busy={action.busy}
        confirmLabel={t('checkout.place')}
        onCancel={() => setConfirming(false)}
        onConfirm={place}
      >
        <p>{t('checkout.confirmText')}</p>
        <p>
          {t('cart.subtotal')} <Money fen={subtotal.toString()} />
        </p>
        {couponCodes(coupons).length > 0 ? (
          <p>{t('checkout.couponsApplied', { codes: couponCodes(coupons).join(', ') })}</p>
        ) : null}
      </ConfirmDialog>
    </form>
  );
}

/** Pays each new order as chosen; a failure leaves that order payable from its page. */
async function payAll(orders: readonly Order[], form: PayForm, checkoutKey: string): Promise<Outcome[]> {
  let stableLeft = stablePartOf(form);
  const outcomes: Outcome[] = [];
  for (const order of orders) {
    const body = payBody(form, order.totalFen, stableLeft);
    try {
      const payment = await apiPost<Payment>(
        `/api/orders/${encodeURIComponent(order.id)}/pay`,
        body,
        `${checkoutKey}:pay:${order.id}`,
      );
      if (form.choice !== 'stable') stableLeft -= BigInt(body.stableFen ?? '0');
      outcomes.push({ order, payment });
    } catch (error) {
      outcomes.push({ order, error: error as ApiError });
    }
  }
  return outcomes;
}

function CheckoutDone({ outcomes }: { outcomes: readonly Outcome[] }) {
  const t = useT();
  return (
    <>
      <PageTitle>{t('checkout.placed')}</PageTitle>
      <ul className="lines">
        {outcomes.map(({ order, payment, error }) => (
          <li key={order.id} className="card">
            <p>
              <Link to={`/orders/${encodeURIComponent(order.id)}`}>
                {t('order.number', { id: order.id })}
              </Link>{' '}
              <Money fen={order.totalFen} />
            </p>
            {BigInt(order.discountFen) > 0n ? (
              <p className="muted">
                {t('order.discount')} <Money fen={order.discountFen} />
              </p>
            ) : null}
            {payment !== undefined ? <PaymentOutcome payment={payment} /> : null}
            {error !== undefined ? (
              <>
                <ErrorMessage error={error} />
                <p>{t('checkout.payLater')}</p>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      <Link to="/orders" className="button wide">
        {t('page.orders')}
      </Link>
    </>
  );
}
