import { useState } from 'react';
import { apiPut } from '../../api';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { PageTitle } from '../../components/layout';
import { Money } from '../../components/money';
import { Empty, ErrorMessage, Loading } from '../../components/states';
import { useT } from '../../i18n';
import { Link } from '../../router';
import type { Cart, CartItem } from '../../types';
import { useAction, useApi } from '../../use-api';
import { QuantityInput } from './quantity-input';

/** 购物车: lines by merchant (one order each at checkout), quantities, removal, the total. */
export default function CartPage() {
  const t = useT();
  const cart = useApi<Cart>('/api/cart');
  const action = useAction();
  const [removing, setRemoving] = useState<CartItem | undefined>(undefined);

  const setQuantity = async (skuId: string, quantity: number) => {
    const next = await action.run(() =>
      apiPut<Cart>(`/api/cart/items/${encodeURIComponent(skuId)}`, { quantity }),
    );
    if (next !== undefined) cart.setData(next);
  };

  if (cart.error !== undefined) return <ErrorMessage error={cart.error} onRetry={cart.reload} />;
  if (cart.data === undefined) return <Loading />;
  const lines = cart.data.merchants.flatMap((m) => m.items);
  return (
    <>
      <PageTitle>{t('page.cart')}</PageTitle>
      {lines.length === 0 ? (
        <Empty action={<Link to="/">{t('cart.browse')}</Link>}>{t('cart.empty')}</Empty>
      ) : (
        <>
          {cart.data.merchants.map((group) => (
            <section key={group.merchantId} className="card" aria-label={t('cart.shipment')}>
              <ul className="lines">
                {group.items.map((item) => (
                  <li key={item.skuId} className="line">
                    <div className="line-text">
                      <Link to={`/products/${encodeURIComponent(item.productId)}`}>{item.title}</Link>
                      <span className="muted">{item.skuName}</span>
                      <Money fen={item.unitPriceFen} />
                    </div>
                    <QuantityInput
                      value={item.quantity}
                      min={1}
                      max={Math.max(1, Math.min(999, item.stock))}
                      label={t('cart.quantityOf', { title: item.title })}
                      disabled={action.busy}
                      onChange={(quantity) => setQuantity(item.skuId, quantity)}
                    />
                    <button
                      type="button"
                      className="button link"
                      onClick={() => setRemoving(item)}
                      aria-label={t('cart.removeItem', { title: item.title })}
                    >
                      {t('action.remove')}
                    </button>
                  </li>
                ))}
              </ul>
              <p className="subtotal">
                {t('cart.subtotal')} <Money fen={group.subtotalFen} />
              </p>
            </section>
          ))}
          {action.error !== undefined ? <ErrorMessage error={action.error} /> : null}
          <div className="actions sticky-actions">
            <p className="total">
              {t('cart.total')} <Money fen={cart.data.totalFen} />
            </p>
            <Link to="/checkout" className="button">
              {t('cart.checkout')}
            </Link>
          </div>
        </>
      )}
      <ConfirmDialog
        open={removing !== undefined}
        title={t('cart.removeTitle')}
        danger
        busy={action.busy}
        confirmLabel={t('action.remove')}
        onCancel={() => setRemoving(undefined)}
        onConfirm={async () => {
          if (removing !== undefined) await setQuantity(removing.skuId, 0);
          setRemoving(undefined);
        }}
      >
        <p>{removing !== undefined ? `${removing.title} · ${removing.skuName}` : ''}</p>
      </ConfirmDialog>
    </>
  );
}
