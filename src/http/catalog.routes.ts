import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  addSku,
  adjustStock,
  createCategory,
  createMerchant,
  createProduct,
  deleteCategory,
  getMerchant,
  getProduct,
  listCategories,
  listMerchants,
  listProducts,
  PAGE_LIMIT_MAX,
  parseFen,
  productMerchantId,
  skuMerchantId,
  updateCategory,
  updateProduct,
  updateSku,
} from '../catalog/index.js';
import { MallError, notFound } from '../mall/errors.js';
import type { Mall } from '../mall/mall.js';
import { requireMerchantStaff, requireRole } from './auth.js';
import {
  CategoryBody,
  CategoryChangesBody,
  CategorySchema,
  categoryJson,
  Limit,
  MerchantBody,
  MerchantSchema,
  merchantJson,
  NewProductBody,
  ProductChangesBody,
  ProductPageSchema,
  ProductSchema,
  PublicProductQuery,
  productJson,
  productQuery,
  SkuBody,
  SkuChangesBody,
  SkuSchema,
  StaffProductQuery,
  StockBody,
  skuJson,
} from './catalog.schemas.js';
import { errors, Id, IdParams, Nullable } from './schemas.js';

const tags = ['catalog'];
const bearer = [{ bearer: [] }];

/** Whether the caller is an admin or staff of `merchantId` (who see hidden products and costs). */
function manages(request: FastifyRequest, merchantId: string): boolean {
  const principal = request.principal;
  return (
    principal !== undefined &&
    (principal.role === 'admin' || (principal.role === 'merchant' && principal.merchantId === merchantId))
  );
}

/**
 * The catalog (issue 12): public reads; merchant staff edit their own merchant's products, SKUs and
 * stock; admins add merchants and categories. Catalog writes move no money, so they take no
 * Idempotency-Key.
 */
export async function registerCatalogRoutes(app: FastifyInstance, mall: Mall): Promise<void> {
  registerPublicRoutes(app, mall);
  registerStaffRoutes(app, mall);
  registerSkuRoutes(app, mall);
  registerAdminRoutes(app, mall);
}

function registerPublicRoutes(app: FastifyInstance, mall: Mall): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  typed.get(
    '/api/categories',
    {
      schema: {
        tags,
        summary: 'Every category, in display order',
        response: { 200: Type.Object({ items: Type.Array(CategorySchema) }) },
      },
    },
    async () => ({ items: (await listCategories(mall)).map(categoryJson) }),
  );
  typed.get(
    '/api/merchants',
    {
      schema: {
        tags,
        summary: 'Merchants, in id order',
        querystring: Type.Object(
          { limit: Type.Optional(Limit), cursor: Type.Optional(Id) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ items: Type.Array(MerchantSchema), nextCursor: Nullable(Type.String()) }),
          ...errors(400),
        },
      },
    },
    async (request) => {
      const limit = Number(request.query.limit ?? PAGE_LIMIT_MAX);
      if (limit < 1 || limit > PAGE_LIMIT_MAX)
        throw new MallError('BAD_REQUEST', `limit must be 1..${PAGE_LIMIT_MAX}`, { field: 'limit' });
      const page = await listMerchants(mall, { limit, after: request.query.cursor });
      return { items: page.items.map(merchantJson), nextCursor: page.nextCursor };
    },
  );
  typed.get(
    '/api/merchants/:id',
    {
      schema: {
        tags,
        summary: 'One merchant',
        params: IdParams,
        response: { 200: MerchantSchema, ...errors(400, 404) },
      },
    },
    async (request) => merchantJson(await getMerchant(mall, request.params.id)),
  );
  typed.get(
    '/api/products',
    {
      schema: {
        tags,
        summary:
          'Active products: search, filter by category, merchant and lowest price, sort, page by cursor',
        querystring: PublicProductQuery,
        response: { 200: ProductPageSchema, ...errors(400) },
      },
    },
    async (request) => {
      const page = await listProducts(mall, productQuery(request.query));
      return { ...page, items: page.items.map((p) => productJson(p, false)) };
    },
  );
  typed.get(
    '/api/products/:id',
    {
      schema: {
        tags,
        summary: 'One product with its SKUs (hidden ones and costs for its merchant staff and admins only)',
        params: IdParams,
        response: { 200: ProductSchema, ...errors(400, 404) },
      },
    },
    async (request) => {
      const product = await getProduct(mall, request.params.id);
      const staff = manages(request, product.merchantId);
      if (product.status !== 'active' && !staff) throw notFound('product', product.id);
      return productJson(product, staff);
    },
  );
}

function registerStaffRoutes(app: FastifyInstance, mall: Mall): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  typed.get(
    '/api/merchants/:merchantId/products',
    {
      schema: {
        tags,
        summary: "A merchant's products, hidden ones too, with costs and stock (its staff and admins)",
        security: bearer,
        params: Type.Object({ merchantId: Id }),
        querystring: StaffProductQuery,
        response: { 200: ProductPageSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      requireMerchantStaff(request, request.params.merchantId);
      await getMerchant(mall, request.params.merchantId);
      const query = {
        ...productQuery(request.query),
        merchantId: request.params.merchantId,
        includeHidden: true,
      };
      const page = await listProducts(mall, query);
      return { ...page, items: page.items.map((p) => productJson(p, true)) };
    },
  );
  typed.post(
    '/api/merchants/:merchantId/products',
    {
      schema: {
        tags,
        summary: "Add a product with its SKUs (the merchant's staff and admins)",
        security: bearer,
        params: Type.Object({ merchantId: Id }),
        body: NewProductBody,
        response: { 201: ProductSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { merchantId } = request.params;
      requireMerchantStaff(request, merchantId);
      const { skus, ...fields } = request.body;
      const input = {
        ...fields,
        merchantId,
        skus: skus.map((sku) => ({
          ...sku,
          priceFen: parseFen(sku.priceFen, 'priceFen'),
          costFen: parseFen(sku.costFen, 'costFen'),
        })),
      };
      const product = await mall.write((tx) => createProduct(tx, input));
      return reply.status(201).send(productJson(product, true));
    },
  );
  typed.patch(
    '/api/products/:id',
    {
      schema: {
        tags,
        summary: "Change a product's title, description, images, status or category",
        security: bearer,
        params: IdParams,
        body: ProductChangesBody,
        response: { 200: ProductSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      requireRole(request, 'merchant', 'admin');
      requireMerchantStaff(request, await productMerchantId(mall, request.params.id));
      const product = await mall.write((tx) => updateProduct(tx, request.params.id, request.body));
      return productJson(product, true);
    },
  );
}

function registerSkuRoutes(app: FastifyInstance, mall: Mall): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  typed.post(
    '/api/products/:id/skus',
    {
      schema: {
        tags,
        summary: 'Add a SKU to a product',
        security: bearer,
        params: IdParams,
        body: SkuBody,
        response: { 201: SkuSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      requireRole(request, 'merchant', 'admin');
      requireMerchantStaff(request, await productMerchantId(mall, request.params.id));
      const input = {
        ...request.body,
        priceFen: parseFen(request.body.priceFen, 'priceFen'),
        costFen: parseFen(request.body.costFen, 'costFen'),
      };
      const sku = await mall.write((tx) => addSku(tx, request.params.id, input));
      return reply.status(201).send(skuJson(sku, true));
    },
  );
  typed.patch(
    '/api/skus/:id',
    {
      schema: {
        tags,
        summary: "Change a SKU's name, price or cost (cost at most the price)",
        security: bearer,
        params: IdParams,
        body: SkuChangesBody,
        response: { 200: SkuSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      requireRole(request, 'merchant', 'admin');
      requireMerchantStaff(request, await skuMerchantId(mall, request.params.id));
      const { name, priceFen, costFen } = request.body;
      const changes = {
        name,
        priceFen: priceFen === undefined ? undefined : parseFen(priceFen, 'priceFen'),
        costFen: costFen === undefined ? undefined : parseFen(costFen, 'costFen'),
      };
      return skuJson(await mall.write((tx) => updateSku(tx, request.params.id, changes)), true);
    },
  );
  typed.post(
    '/api/skus/:id/stock',
    {
      schema: {
        tags,
        summary: 'Add to or take from the stock ({delta}), or set it ({set}); it never goes below 0',
        security: bearer,
        params: IdParams,
        body: StockBody,
        response: { 200: SkuSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      requireRole(request, 'merchant', 'admin');
      requireMerchantStaff(request, await skuMerchantId(mall, request.params.id));
      return skuJson(await mall.write((tx) => adjustStock(tx, request.params.id, request.body)), true);
    },
  );
}

function registerAdminRoutes(app: FastifyInstance, mall: Mall): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  typed.post(
    '/api/admin/merchants',
    {
      schema: {
        tags,
        summary: 'Add a merchant and open its account in the economy (admins)',
        security: bearer,
        body: MerchantBody,
        response: { 201: MerchantSchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      requireRole(request, 'admin');
      const merchant = await mall.write((tx) => createMerchant(tx, request.body));
      return reply.status(201).send(merchantJson(merchant));
    },
  );
  typed.post(
    '/api/admin/categories',
    {
      schema: {
        tags,
        summary: 'Add a category (admins)',
        security: bearer,
        body: CategoryBody,
        response: { 201: CategorySchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      requireRole(request, 'admin');
      return reply.status(201).send(categoryJson(await mall.write((tx) => createCategory(tx, request.body))));
    },
  );
  typed.patch(
    '/api/admin/categories/:id',
    {
      schema: {
        tags,
        summary: 'Rename or re-sort a category (admins)',
        security: bearer,
        params: IdParams,
        body: CategoryChangesBody,
        response: { 200: CategorySchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      requireRole(request, 'admin');
      return categoryJson(await mall.write((tx) => updateCategory(tx, request.params.id, request.body)));
    },
  );
  typed.delete(
    '/api/admin/categories/:id',
    {
      schema: {
        tags,
        summary: 'Remove a category; its products stay, without a category (admins)',
        security: bearer,
        params: IdParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      requireRole(request, 'admin');
      await mall.write((tx) => deleteCategory(tx, request.params.id));
      return reply.status(204).send(null);
    },
  );
}
