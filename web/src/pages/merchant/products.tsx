import { type FormEvent, useId, useState } from 'react';
import { apiPost, api as request } from '../../api';
import { PageTitle } from '../../components/layout';
import { Money } from '../../components/money';
import { Empty, ErrorMessage, Loading } from '../../components/states';
import { parseYuanInput } from '../../format';
import { useI18n, useT } from '../../i18n';
import type { PageProps } from '../../routes';
import type { Category, Product, Sku } from '../../types';
import { useAction, useApi } from '../../use-api';
import {
  MerchantNav,
  MoreButton,
  merchantApi,
  NoMerchant,
  type Paged,
  useMerchantId,
  usePaged,
} from './shared';

type StaffSku = Sku & { readonly costFen?: string };

/** 商品与库存: the merchant's products (hidden ones too) with their SKUs, a new product, stock changes. */
export default function MerchantProductsPage(_: PageProps) {
  const t = useT();
  const merchantId = useMerchantId();
  const products = usePaged<Product>(merchantId === null ? null : `${merchantApi(merchantId)}/products`, {
    limit: '50',
  });
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  if (merchantId === null) {
    return (
      <>
        <PageTitle>{t('page.merchantProducts')}</PageTitle>
        <NoMerchant />
      </>
    );
  }
  return (
    <>
      <PageTitle>{t('page.merchantProducts')}</PageTitle>
      <MerchantNav />
      {notice !== null ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {creating ? (
        <NewProductForm
          merchantId={merchantId}
          onCancel={() => setCreating(false)}
          onCreated={(product) => {
            setCreating(false);
            setNotice(t('merchant.products.created', { title: product.title }));
            products.reload();
          }}
        />
      ) : (
        <div className="actions">
          <button
            type="button"
            className="button"
            onClick={() => {
              setNotice(null);
              setCreating(true);
            }}
          >
            {t('merchant.products.new')}
          </button>
        </div>
      )}
      <ProductList products={products} />
    </>
  );
}

function ProductList({ products }: { products: Paged<Product> }) {
  const t = useT();
  return (
    <>
      {products.error !== undefined ? (
        <ErrorMessage error={products.error} onRetry={products.reload} />
      ) : null}
      {products.loading && products.items.length === 0 ? <Loading /> : null}
      {!products.loading && products.error === undefined && products.items.length === 0 ? (
        <Empty>{t('merchant.products.none')}</Empty>
      ) : null}
      <ul className="order-list" aria-label={t('merchant.products.list')}>
        {products.items.map((product) => (
          <ProductCard
            key={product.id}
            product={product}
            onChange={(next) => products.replace((p) => p.id === next.id, next)}
          />
        ))}
      </ul>
      <MoreButton list={products} />
    </>
  );
}

function ProductCard({ product, onChange }: { product: Product; onChange(next: Product): void }) {
  const t = useT();
  const toggle = useAction();
  const hidden = product.status === 'hidden';
  const setStatus = async () => {
    const next = await toggle.run(() =>
      request<Product>('PATCH', `/api/products/${encodeURIComponent(product.id)}`, {
        body: { status: hidden ? 'active' : 'hidden' },
      }),
    );
    if (next !== undefined) onChange(next);
  };
  return (
    <li className="card">
      <p className="order-head">
        <strong>{product.title}</strong>
        <span className={`badge ${hidden ? 'status-cancelled' : 'status-completed'}`}>
          {hidden ? t('merchant.products.hidden') : t('merchant.products.active')}
        </span>
      </p>
      <p className="muted">
        {t('merchant.products.id', { id: product.id })}
        {product.categoryId !== null ? ` · ${product.categoryId}` : ''}
      </p>
      <ul className="lines" aria-label={t('merchant.products.skusOf', { title: product.title })}>
        {product.skus.map((sku) => (
          <SkuLine
            key={sku.id}
            sku={sku}
            onChange={(next) =>
              onChange({ ...product, skus: product.skus.map((s) => (s.id === next.id ? next : s)) })
            }
          />
        ))}
      </ul>
      {toggle.error !== undefined ? <ErrorMessage error={toggle.error} /> : null}
      <div className="actions">
        <button type="button" className="button secondary small" disabled={toggle.busy} onClick={setStatus}>
          {hidden
            ? t('merchant.products.show', { title: product.title })
            : t('merchant.products.hide', { title: product.title })}
        </button>
      </div>
    </li>
  );
}

function SkuLine({ sku, onChange }: { sku: StaffSku; onChange(next: StaffSku): void }) {
  const t = useT();
  const inputId = useId();
  const modeId = useId();
  const [mode, setMode] = useState<'delta' | 'set'>('delta');
  const [amount, setAmount] = useState('');
  const [invalid, setInvalid] = useState(false);
  const action = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = amount.trim();
    const valid = mode === 'delta' ? /^-?[0-9]{1,10}$/.test(text) : /^[0-9]{1,10}$/.test(text);
    setInvalid(!valid);
    if (!valid) return;
    const value = Number(text);
    const next = await action.run(() =>
      apiPost<StaffSku>(
        `/api/skus/${encodeURIComponent(sku.id)}/stock`,
        mode === 'delta' ? { delta: value } : { set: value },
      ),
    );
    if (next !== undefined) {
      setAmount('');
      onChange(next);
    }
  };
  return (
    <li className="line">
      <span className="line-text">
        <span>{sku.name}</span>
        <span className="muted">
          <Money fen={sku.priceFen} />
          {sku.costFen !== undefined ? (
            <>
              {' · '}
              {t('merchant.products.cost')} <Money fen={sku.costFen} />
            </>
          ) : null}
        </span>
      </span>
      <span>
        {t('merchant.products.stock')} <strong>{sku.stock}</strong>
      </span>
      <form
        className="actions"
        onSubmit={submit}
        aria-label={t('merchant.products.stockFor', { sku: sku.name })}
      >
        <label htmlFor={modeId} className="visually-hidden">
          {t('merchant.products.stockMode')}
        </label>
        <select
          id={modeId}
          style={{ width: 'auto' }}
          value={mode}
          onChange={(event) => setMode(event.target.value as 'delta' | 'set')}
        >
          <option value="delta">{t('merchant.products.stockDelta')}</option>
          <option value="set">{t('merchant.products.stockSet')}</option>
        </select>
        <label htmlFor={inputId} className="visually-hidden">
          {t('merchant.products.stockAmount', { sku: sku.name })}
        </label>
        <input
          id={inputId}
          inputMode="numeric"
          style={{ width: '7em' }}
          placeholder={mode === 'delta' ? '+10 / -2' : '100'}
          value={amount}
          aria-invalid={invalid}
          onChange={(event) => setAmount(event.target.value)}
        />
        <button type="submit" className="button small" disabled={action.busy}>
          {t('merchant.products.stockApply')}
        </button>
      </form>
      {invalid ? (
        <p className="block" role="alert">
          {mode === 'delta' ? t('merchant.products.deltaInvalid') : t('merchant.products.setInvalid')}
        </p>
      ) : null}
      {action.error !== undefined ? <ErrorMessage error={action.error} /> : null}
    </li>
  );
}

interface SkuDraft {
  key: number;
  name: string;
  price: string;
  cost: string;
  stock: string;
}

const emptySku = (key: number): SkuDraft => ({ key, name: '', price: '', cost: '', stock: '0' });

function NewProductForm({
  merchantId,
  onCreated,
  onCancel,
}: {
  merchantId: string;
  onCreated(product: Product): void;
  onCancel(): void;
}) {
  const { t, lang } = useI18n();
  const ids = { title: useId(), description: useId(), category: useId(), image: useId(), status: useId() };
  const categories = useApi<{ items: Category[] }>('/api/categories');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [categoryId, setCategoryId] = useState('');
  const [imageUrl, setImageUrl] = useState('');
  const [status, setStatus] = useState<'active' | 'hidden'>('active');
  const [skus, setSkus] = useState<SkuDraft[]>([emptySku(1)]);
  const [problem, setProblem] = useState<string | null>(null);
  const action = useAction();

  const update = (key: number, change: Partial<SkuDraft>) =>
    setSkus((previous) => previous.map((s) => (s.key === key ? { ...s, ...change } : s)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const lines = [];
    for (const [index, sku] of skus.entries()) {
      const price = parseYuanInput(sku.price);
      const cost = sku.cost.trim() === '' ? 0n : parseYuanInput(sku.cost);
      const stock = sku.stock.trim();
      if (sku.name.trim() === '') return setProblem(t('merchant.products.skuNameMissing', { n: index + 1 }));
      if (price === undefined || price <= 0n)
        return setProblem(t('merchant.products.priceInvalid', { n: index + 1 }));
      if (cost === undefined || cost > price)
        return setProblem(t('merchant.products.costInvalid', { n: index + 1 }));
      if (!/^[0-9]{1,10}$/.test(stock)) return setProblem(t('merchant.products.setInvalid'));
      lines.push({
        name: sku.name.trim(),
        priceFen: price.toString(),
        costFen: cost.toString(),
        stock: Number(stock),
      });
    }
    const body = {
      title: title.trim(),
      description,
      categoryId: categoryId === '' ? null : categoryId,
      imageUrls: imageUrl.trim() === '' ? [] : [imageUrl.trim()],
      status,
      skus: lines,
    };
    const product = await action.run(() => apiPost<Product>(`${merchantApi(merchantId)}/products`, body));
    if (product !== undefined) onCreated(product);
  };

  return (
    <form className="card" onSubmit={submit} aria-labelledby="new-product-title">
      <h2 id="new-product-title">{t('merchant.products.new')}</h2>
      <div className="field">
        <label htmlFor={ids.title}>{t('merchant.products.title')}</label>
        <input
          id={ids.title}
          required
          maxLength={200}
          value={title}
          onChange={(event) => setTitle(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.description}>{t('merchant.products.description')}</label>
        <textarea
          id={ids.description}
          rows={3}
          maxLength={5000}
          value={description}
          onChange={(event) => setDescription(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.category}>{t('merchant.products.category')}</label>
        <select id={ids.category} value={categoryId} onChange={(event) => setCategoryId(event.target.value)}>
          <option value="">{t('merchant.products.noCategory')}</option>
          {(categories.data?.items ?? []).map((category) => (
            <option key={category.id} value={category.id}>
              {lang === 'en' && category.nameEn !== '' ? category.nameEn : category.name}
            </option>
          ))}
        </select>
        {categories.error !== undefined ? (
          <ErrorMessage error={categories.error} onRetry={categories.reload} />
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={ids.image}>{t('merchant.products.image')}</label>
        <input
          id={ids.image}
          placeholder="/images/wine-1.svg"
          value={imageUrl}
          onChange={(event) => setImageUrl(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.status}>{t('merchant.products.status')}</label>
        <select
          id={ids.status}
          value={status}
          onChange={(event) => setStatus(event.target.value as 'active' | 'hidden')}
        >
          <option value="active">{t('merchant.products.active')}</option>
          <option value="hidden">{t('merchant.products.hidden')}</option>
        </select>
      </div>
      <fieldset>
        <legend>{t('merchant.products.skus')}</legend>
        {skus.map((sku, index) => (
          <SkuDraftFields
            key={sku.key}
            n={index + 1}
            sku={sku}
            onChange={(change) => update(sku.key, change)}
            {...(skus.length > 1
              ? { onRemove: () => setSkus((previous) => previous.filter((s) => s.key !== sku.key)) }
              : {})}
          />
        ))}
        <button
          type="button"
          className="button secondary small"
          disabled={skus.length >= 50}
          onClick={() =>
            setSkus((previous) => [...previous, emptySku(Math.max(...previous.map((s) => s.key)) + 1)])
          }
        >
          {t('merchant.products.addSku')}
        </button>
      </fieldset>
      {problem !== null ? (
        <p className="state state-error" role="alert">
          {problem}
        </p>
      ) : null}
      {action.error !== undefined ? <ErrorMessage error={action.error} /> : null}
      <div className="actions">
        <button type="submit" className="button" disabled={action.busy}>
          {t('merchant.products.create')}
        </button>
        <button type="button" className="button secondary" onClick={onCancel} disabled={action.busy}>
          {t('action.cancel')}
        </button>
      </div>
    </form>
  );
}

function SkuDraftFields({
  n,
  sku,
  onChange,
  onRemove,
}: {
  n: number;
  sku: SkuDraft;
  onChange(change: Partial<SkuDraft>): void;
  onRemove?: () => void;
}) {
  const t = useT();
  const ids = { name: useId(), price: useId(), cost: useId(), stock: useId() };
  return (
    <fieldset className="card">
      <legend>{t('merchant.products.skuN', { n })}</legend>
      <div className="field">
        <label htmlFor={ids.name}>{t('merchant.products.skuName', { n })}</label>
        <input
          id={ids.name}
          required
          maxLength={100}
          placeholder="750ml x 1"
          value={sku.name}
          onChange={(event) => onChange({ name: event.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.price}>{t('merchant.products.price')}</label>
        <input
          id={ids.price}
          required
          inputMode="decimal"
          placeholder="100.00"
          value={sku.price}
          onChange={(event) => onChange({ price: event.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.cost}>{t('merchant.products.costYuan')}</label>
        <input
          id={ids.cost}
          inputMode="decimal"
          placeholder="60.00"
          value={sku.cost}
          onChange={(event) => onChange({ cost: event.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.stock}>{t('merchant.products.stock')}</label>
        <input
          id={ids.stock}
          required
          inputMode="numeric"
          value={sku.stock}
          onChange={(event) => onChange({ stock: event.target.value })}
        />
      </div>
      {onRemove !== undefined ? (
        <button type="button" className="button link" onClick={onRemove}>
          {t('merchant.products.removeSku', { n })}
        </button>
      ) : null}
    </fieldset>
  );
}
