import { createCategory, createProduct, insertMerchant, journalMerchant } from '../catalog/index.js';
import { randomText } from '../mall/ids.js';
import type { Mall, MallTx } from '../mall/mall.js';
import { createStaff } from '../members/index.js';

/** What the demo shop's caller shows once: the admin's sign-in, and each merchant's staff sign-in. */
export interface DemoAccounts {
  readonly adminPhone: string;
  readonly adminPassword: string;
  /** One staff account per merchant. Nobody can reset these passwords yet: print them or lose them. */
  readonly staff: readonly {
    readonly merchantId: string;
    readonly phone: string;
    readonly password: string;
  }[];
}

const PASSWORD_LENGTH = 16;
const ADMIN_PHONE = '13800000000';

const MERCHANTS = [
  {
    id: 'bordeaux-cellars',
    name: '波尔多酒庄 Bordeaux Cellars',
    description: '来自法国波尔多的列级庄与副牌酒，产地直采。',
  },
  {
    id: 'burgundy-cellar',
    name: '勃艮第酒窖 Burgundy Cellar',
    description: '精选勃艮第黑皮诺与霞多丽，小农酒庄直供。',
  },
  {
    id: 'new-world-wines',
    name: '新世界酒业 New World Wines',
    description: '澳洲、新西兰、美国与意大利的高性价比佳酿。',
  },
] as const;

const CATEGORIES = [
  { id: 'red', name: '红葡萄酒', nameEn: 'Red wine', sort: 10 },
  { id: 'white', name: '白葡萄酒', nameEn: 'White wine', sort: 20 },
  { id: 'sparkling', name: '起泡酒', nameEn: 'Sparkling wine', sort: 30 },
  { id: 'gift', name: '礼盒', nameEn: 'Gift boxes', sort: 40 },
] as const;

type MerchantId = (typeof MERCHANTS)[number]['id'];
type CategoryId = (typeof CATEGORIES)[number]['id'];

/** A wine: its merchant, category, texts and price of one bottle in fen. */
const WINES: readonly (readonly [MerchantId, CategoryId, string, string, bigint])[] = [
  [
    'bordeaux-cellars',
    'red',
    '经典干红 Classic Red 750ml',
    '酒体圆润，黑醋栗与雪松香气，单宁柔顺，适合日常佐餐。',
    10000n,
  ],
  [
    'bordeaux-cellars',
    'red',
    '波尔多左岸赤霞珠 Left Bank Cabernet 750ml',
    '左岸砾石土壤，赤霞珠为主，橡木桶陈酿 18 个月。',
    26800n,
  ],
  [
    'bordeaux-cellars',
    'white',
    '波尔多干白 Bordeaux Blanc 750ml',
    '长相思与赛美蓉混酿，柑橘与白花香气，清爽易饮。',
    12800n,
  ],
  [
    'bordeaux-cellars',
    'gift',
    '波尔多名庄礼盒 Grand Cru Gift Box',
    '列级庄正牌酒配木质礼盒与开瓶器，商务送礼之选。',
    68800n,
  ],
  [
    'burgundy-cellar',
    'red',
    '勃艮第黑皮诺 Bourgogne Pinot Noir 750ml',
    '樱桃与覆盆子果香，酸度明亮，口感细腻优雅。',
    32800n,
  ],
  [
    'burgundy-cellar',
    'white',
    '夏布利霞多丽 Chablis Chardonnay 750ml',
    '石灰岩土壤带来矿物感，青苹果与柠檬风味，适合配海鲜。',
    22800n,
  ],
  [
    'burgundy-cellar',
    'sparkling',
    '勃艮第起泡酒 Crémant de Bourgogne 750ml',
    '传统法酿造，气泡细腻，带烤面包与白桃香气。',
    16800n,
  ],
  [
    'burgundy-cellar',
    'gift',
    '勃艮第珍藏礼盒 Burgundy Reserve Gift Box',
    '一级园黑皮诺与霞多丽各一支，附品鉴手册。',
    88800n,
  ],
  [
    'new-world-wines',
    'red',
    '澳洲巴罗萨设拉子 Barossa Shiraz 750ml',
    '浓郁黑莓与胡椒香料，酒体饱满，适合搭配烤肉。',
    15800n,
  ],
  [
    'new-world-wines',
    'white',
    '新西兰长相思 Marlborough Sauvignon Blanc 750ml',
    '百香果与青草香气，酸度活泼，夏日冰镇饮用。',
    13800n,
  ],
  [
    'new-world-wines',
    'sparkling',
    '普罗塞克起泡酒 Prosecco 750ml',
    '意大利格雷拉葡萄酿造，梨与青苹果风味，适合聚会。',
    9800n,
  ],
  [
    'new-world-wines',
    'red',
    '纳帕谷赤霞珠 Napa Valley Cabernet 750ml',
    '加州纳帕谷阳光充足，黑樱桃与香草气息，余味悠长。',
    29800n,
  ],
];

/** Cost is 60% of the price; a case of six costs six bottles less 5%, rounded down to whole yuan. */
const costOf = (priceFen: bigint): bigint => (priceFen * 60n) / 100n;
const casePrice = (bottleFen: bigint): bigint => ((bottleFen * 6n * 95n) / 100n / 100n) * 100n;

/**
 * Fills an empty store with a demo wine shop (一家红酒商城): 3 merchants with their economy accounts,
 * 4 categories, 12 wines with a bottle and a case SKU each, an admin (phone 13800000000) and one staff
 * account per merchant (13800000001..3), all with fresh random passwords. Does nothing and returns
 * undefined when the store has any merchant, member, category or product, or one of the demo's
 * merchant ids is an economy account already: it never touches a store in use. One unit of work, so
 * the shop appears whole or not at all.
 */
export async function seedDemoShop(mall: Mall): Promise<DemoAccounts | undefined> {
  const adminPassword = randomText(PASSWORD_LENGTH);
  const staff = MERCHANTS.map((merchant, index) => ({
    merchantId: merchant.id,
    phone: `1380000000${index + 1}`,
    password: randomText(PASSWORD_LENGTH),
  }));
  return mall.write(async (tx) => {
    if (!(await isEmptyStore(tx))) return undefined;
    for (const category of CATEGORIES) await createCategory(tx, category);
    for (const merchant of MERCHANTS) await insertMerchant(tx, merchant);
    for (const [index, [merchantId, categoryId, title, description, bottleFen]] of WINES.entries()) {
      await createProduct(tx, {
        merchantId,
        categoryId,
        title,
        description,
        imageUrls: [`/images/wine-${index + 1}.svg`],
        skus: [
          {
            name: '750ml x 1',
            priceFen: bottleFen,
            costFen: costOf(bottleFen),
            stock: 100 + ((index * 137) % 900),
          },
          {
            name: '750ml x 6',
            priceFen: casePrice(bottleFen),
            costFen: costOf(bottleFen) * 6n,
            stock: 100 + index * 25,
          },
        ],
      });
    }
    await createStaff(tx, {
      phone: ADMIN_PHONE,
      password: adminPassword,
      role: 'admin',
      displayName: '商城管理员',
    });
    for (const [index, account] of staff.entries()) {
      await createStaff(tx, {
        phone: account.phone,
        password: account.password,
        role: 'merchant',
        merchantId: account.merchantId,
        displayName: `${MERCHANTS[index]!.name.split(' ')[0]}店员`,
      });
    }
    // The economy accounts last: once a command is applied the unit must not fail (journal()).
    for (const merchant of MERCHANTS) await journalMerchant(tx, merchant.id);
    return { adminPhone: ADMIN_PHONE, adminPassword, staff };
  });
}

async function isEmptyStore(tx: MallTx): Promise<boolean> {
  for (const table of ['merchants', 'members', 'categories', 'products'] as const) {
    const row = await tx.db.selectFrom(table).select('id').limit(1).executeTakeFirst();
    if (row !== undefined) return false;
  }
  return MERCHANTS.every((merchant) => !tx.context.economy.accounts.has(merchant.id));
}
