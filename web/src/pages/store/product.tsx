import { useState } from 'react';
import { apiGet, apiPut } from '../../api';
import { useAuth } from '../../auth';
import { PageTitle } from '../../components/layout';
import { Money } from '../../components/money';
import { ErrorMessage, Loading } from '../../components/states';
import { useT } from '../../i18n';
import { Link, useRouter } from '../../router';
import type { PageProps } from '../../routes';
import type { Cart, Product } from '../../types';
import { useAction, useApi } from '../../use-api';
import { QuantityInput } from './quantity-input';

const QUANTITY_MAX = 999;

/** 商品: images, description, the SKU picker (规格), quantity, add to cart or buy now. */
export default function ProductPage({ params }: PageProps) {
  const t = useT();
  const id = params.id ?? '';
  const product = useApi<Product>(`/api/products/${encodeURIComponent(id)}`);
  if (product.error !== undefined) return <ErrorMessage error={product.error} onRetry={product.reload} />;
  if (product.data === undefined) return <Loading />;
  return <ProductView key={product.data.id} product={product.data} t={t} />;
}

function ProductView({ product, t }: { product: Product; t: ReturnType<typeof useT> }) {
  const { member } = useAuth();
  const { navigate, path } = useRouter();
  const firstInStock = product.skus.find((sku) => sku.stock > 0) ?? product.skus[0];
  const [skuId, setSkuId] = useState(firstInStock?.id ?? '');
  const [quantity, setQuantity] = useState(1);
  const [added, setAdded] = useState(false);
  const action = useAction();
  const sku = product.skus.find((s) => s.id === skuId);
  const stock = sku?.stock ?? 0;
  const canBuy = sku !== undefined && stock > 0;

  const requireConsumer = (): boolean => {
    if (member === null || member === undefined) {
      navigate(`/login?next=${encodeURIComponent(path)}`);
      return false;
    }
    return true;
  };
  const addToCart = async () => {
    if (!requireConsumer() || sku === undefined) return;
    setAdded(false);
    const done = await action.run(async () => {
      // PUT sets a line's quantity, so add to what the cart already holds.
      const cart = await apiGet<Cart>('/api/cart');
      const line = cart.merchants.flatMap((m) => m.items).find((item) => item.skuId === sku.id);
      const next = Math.min(QUANTITY_MAX, (line?.quantity ?? 0) + quantity);
      return apiPut<Cart>(`/api/cart/items/${encodeURIComponent(sku.id)}`, { quantity: next });
    });
    if (done !== undefined) setAdded(true);
  };
  const buyNow = () => {
    if (!requireConsumer() || sku === undefined) return;
    navigate(
      `/checkout?product=${encodeURIComponent(product.id)}&sku=${encodeURIComponent(sku.id)}&qty=${quantity}`,
    );
  };

  return (
    <article className="product-page">
      <div className="gallery">
        {product.imageUrls.map((url, index) => (
          <img key={url} src={url} alt={index === 0 ? product.title : ''} width="320" height="320" />
        ))}
      </div>
      <PageTitle>{product.title}</PageTitle>
      <p className="muted">{product.merchantName}</p>
      <p className="price-large">{sku !== undefined ? <Money fen={sku.priceFen} /> : null}</p>
      <fieldset className="sku-picker">
        <legend>{t('product.chooseSku')}</legend>
        {product.skus.map((option) => (
          <label key={option.id} className={option.id === skuId ? 'sku selected' : 'sku'}>
            <input
              type="radio"
              name="sku"
              value={option.id}
              checked={option.id === skuId}
              disabled={option.stock <= 0}
              onChange={() => {
                setSkuId(option.id);
                setQuantity(1);
              }}
            />
            <span>{option.name}</span>
            <Money fen={option.priceFen} />
            <span className="muted">
              {option.stock > 0 ? t('product.stock', { count: option.stock }) : t('product.soldOut')}
            </span>
          </label>
        ))}
      </fieldset>
      <div className="field inline">
        <span aria-hidden="true">{t('product.quantity')}</span>
        <QuantityInput
          value={quantity}
          min={1}
          max={Math.max(1, Math.min(QUANTITY_MAX, stock))}
          disabled={!canBuy}
          onChange={setQuantity}
        />
      </div>
      {action.error !== undefined ? <ErrorMessage error={action.error} /> : null}
      {added ? (
        <p className="notice" role="status">
          {t('product.added')} <Link to="/cart">{t('product.goToCart')}</Link>
        </p>
      ) : null}
      <div className="actions sticky-actions">
        <button
          type="button"
          className="button secondary"
          disabled={!canBuy || action.busy}
          onClick={addToCart}
        >
          {t('product.addToCart')}
        </button>
        <button type="button" className="button" disabled={!canBuy || action.busy} onClick={buyNow}>
          {t('product.buyNow')}
        </button>
      </div>
      <h2 className="section-title">{t('product.description')}</h2>
      <p className="description">{product.description}</p>
    </article>
  );
}
