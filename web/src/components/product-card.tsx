import { useT } from '../i18n';
import { Link } from '../router';
import type { Product } from '../types';
import { Money } from './money';

export function ProductCard({ product }: { product: Product }) {
  const t = useT();
  const image = product.imageUrls[0];
  return (
    <li className="product-card">
      <Link to={`/products/${encodeURIComponent(product.id)}`} className="product-link">
        {image !== undefined ? (
          <img src={image} alt="" loading="lazy" width="160" height="160" />
        ) : (
          <span className="image-placeholder" aria-hidden="true" />
        )}
        <span className="product-title">{product.title}</span>
        <span className="product-merchant">{product.merchantName}</span>
        <span className="product-price">
          <Money fen={product.priceFen} />
          {product.skus.length > 1 ? <span className="muted"> {t('product.from')}</span> : null}
        </span>
      </Link>
    </li>
  );
}

/** A grid of products, as a list so screen readers say how many there are. */
export function ProductGrid({ products, label }: { products: readonly Product[]; label: string }) {
  return (
    <ul className="product-grid" aria-label={label}>
      {products.map((product) => (
        <ProductCard key={product.id} product={product} />
      ))}
    </ul>
  );
}
