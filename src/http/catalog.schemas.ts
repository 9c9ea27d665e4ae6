import { type Static, Type } from '@sinclair/typebox';
import {
  type Category,
  type Merchant,
  PAGE_LIMIT_MAX,
  type Product,
  type ProductQuery,
  parseFen,
  type Sku,
} from '../catalog/index.js';
import { Fen, Id, Nullable } from './schemas.js';

/** The catalog routes' schemas (they validate requests and feed OpenAPI) and the JSON of catalog rows. */
export const MerchantSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  createdAt: Type.String(),
});
export const CategorySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  sort: Type.Integer(),
});
export const Status = Type.Union([Type.Literal('active'), Type.Literal('hidden')]);
export const SkuSchema = Type.Object({
  id: Type.String(),
  productId: Type.String(),
  name: Type.String(),
  priceFen: Type.String(),
  costFen: Type.Optional(Type.String({ description: 'merchant staff and admins only' })),
  stock: Type.Integer(),
});
export const ProductSchema = Type.Object({
  id: Type.String(),
  merchantId: Type.String(),
  merchantName: Type.String(),
  categoryId: Nullable(Type.String()),
  title: Type.String(),
  description: Type.String(),
  imageUrls: Type.Array(Type.String()),
  status: Status,
  createdAt: Type.String(),
  priceFen: Type.String({ description: 'the lowest SKU price' }),
  skus: Type.Array(SkuSchema),
});
export const ProductPageSchema = Type.Object({
  items: Type.Array(ProductSchema),
  nextCursor: Nullable(Type.String()),
  total: Type.Integer(),
});

// Querystrings arrive as text and the app does not coerce types, so numbers are patterns here.
export const Limit = Type.String({
  pattern: '^[0-9]{1,3}$',
  description: `1..${PAGE_LIMIT_MAX}, default 20`,
});
export const ProductFilters = {
  q: Type.Optional(Type.String({ maxLength: 100, description: 'words in the title or description' })),
  categoryId: Type.Optional(Id),
  minPriceFen: Type.Optional(Fen),
  maxPriceFen: Type.Optional(Fen),
  sort: Type.Optional(
    Type.Union([Type.Literal('new'), Type.Literal('price_asc'), Type.Literal('price_desc')]),
  ),
  limit: Type.Optional(Limit),
  cursor: Type.Optional(
    Type.String({ minLength: 1, maxLength: 400, description: 'nextCursor of the page before' }),
  ),
};
export const PublicProductQuery = Type.Object(
  { ...ProductFilters, merchantId: Type.Optional(Id) },
  { additionalProperties: false },
);
export const StaffProductQuery = Type.Object(ProductFilters, { additionalProperties: false });

export const Title = Type.String({ minLength: 1, maxLength: 200 });
export const Description = Type.String({ maxLength: 5000 });
export const ImageUrls = Type.Array(
  Type.String({ minLength: 1, maxLength: 500, description: 'http(s) URL or /path' }),
  {
    maxItems: 10,
  },
);
export const SkuName = Type.String({ minLength: 1, maxLength: 100 });
export const Stock = Type.Integer({ minimum: 0, maximum: 1_000_000_000 });
export const SkuBody = Type.Object(
  { name: SkuName, priceFen: Fen, costFen: Fen, stock: Stock },
  { additionalProperties: false },
);
export const NewProductBody = Type.Object(
  {
    title: Title,
    description: Type.Optional(Description),
    categoryId: Type.Optional(Nullable(Id)),
    imageUrls: Type.Optional(ImageUrls),
    status: Type.Optional(Status),
    skus: Type.Array(SkuBody, { minItems: 1, maxItems: 50 }),
  },
  { additionalProperties: false },
);
export const ProductChangesBody = Type.Object(
  {
    title: Type.Optional(Title),
    description: Type.Optional(Description),
    categoryId: Type.Optional(Nullable(Id)),
    imageUrls: Type.Optional(ImageUrls),
    status: Type.Optional(Status),
  },
  { additionalProperties: false },
);
export const SkuChangesBody = Type.Object(
  { name: Type.Optional(SkuName), priceFen: Type.Optional(Fen), costFen: Type.Optional(Fen) },
  { additionalProperties: false },
);
export const StockBody = Type.Union([
  Type.Object(
    { delta: Type.Integer({ minimum: -1_000_000_000, maximum: 1_000_000_000 }) },
    { additionalProperties: false },
  ),
  Type.Object({ set: Stock }, { additionalProperties: false }),
]);
export const Name = Type.String({ minLength: 1, maxLength: 100 });
export const MerchantBody = Type.Object(
  { id: Type.Optional(Id), name: Name, description: Type.Optional(Description) },
  {
    additionalProperties: false,
    description: 'id: optional; give one to make a retry safe (409 ACCOUNT_EXISTS)',
  },
);
export const SortOrder = Type.Integer({ minimum: -1_000_000, maximum: 1_000_000 });
export const CategoryBody = Type.Object(
  {
    id: Type.Optional(Id),
    name: Name,
    nameEn: Type.Optional(Type.String({ maxLength: 100 })),
    sort: Type.Optional(SortOrder),
  },
  { additionalProperties: false },
);
export const CategoryChangesBody = Type.Object(
  {
    name: Type.Optional(Name),
    nameEn: Type.Optional(Type.String({ maxLength: 100 })),
    sort: Type.Optional(SortOrder),
  },
  { additionalProperties: false },
);

export function merchantJson(merchant: Merchant): Static<typeof MerchantSchema> {
  return { ...merchant };
}

export function categoryJson(category: Category): Static<typeof CategorySchema> {
  return { ...category };
}

export function skuJson(sku: Sku, withCost: boolean): Static<typeof SkuSchema> {
  const { id, productId, name, stock } = sku;
  return {
    id,
    productId,
    name,
    priceFen: sku.priceFen.toString(),
    ...(withCost ? { costFen: sku.costFen.toString() } : {}),
    stock,
  };
}

export function productJson(product: Product, withCost: boolean): Static<typeof ProductSchema> {
  return {
    ...product,
    imageUrls: [...product.imageUrls],
    priceFen: product.priceFen.toString(),
    skus: product.skus.map((sku) => skuJson(sku, withCost)),
  };
}

export function productQuery(
  query: Static<typeof StaffProductQuery> & { merchantId?: string },
): ProductQuery {
  return {
    q: query.q,
    categoryId: query.categoryId,
    merchantId: query.merchantId,
    minPriceFen: query.minPriceFen === undefined ? undefined : parseFen(query.minPriceFen, 'minPriceFen'),
    maxPriceFen: query.maxPriceFen === undefined ? undefined : parseFen(query.maxPriceFen, 'maxPriceFen'),
    sort: query.sort,
    limit: query.limit === undefined ? undefined : Number(query.limit),
    cursor: query.cursor,
  };
}
