/** The catalog (issue 12): merchants, categories, products and their SKUs, stock. */
export {
  type CategoryChanges,
  createCategory,
  deleteCategory,
  getCategory,
  listCategories,
  type NewCategory,
  updateCategory,
} from './categories.js';
export {
  listProducts,
  PAGE_LIMIT_MAX,
  PRODUCT_SORTS,
  type ProductPage,
  type ProductQuery,
  type ProductSort,
} from './listing.js';
export {
  createMerchant,
  getMerchant,
  insertMerchant,
  journalMerchant,
  listMerchants,
  type NewMerchant,
} from './merchants.js';
export {
  createProduct,
  getProduct,
  type NewProduct,
  type ProductChanges,
  productMerchantId,
  updateProduct,
} from './products.js';
export {
  addSku,
  adjustStock,
  getSku,
  type NewSku,
  type SkuChanges,
  type StockChange,
  skuMerchantId,
  updateSku,
} from './skus.js';
export {
  type CatalogSource,
  type Category,
  type Merchant,
  PRODUCT_STATUSES,
  type Product,
  type ProductStatus,
  type Sku,
} from './types.js';
export { CATALOG_LIMITS, parseFen } from './validate.js';
