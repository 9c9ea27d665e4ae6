/** The transparency pages' texts: zh (default) and en must have the same keys (test/web/i18n.test.ts). */
export const transparencyZh = {
  'page.transparency': '公开透明',

  'transparency.lead': '本页数字直接来自商城的经济日志，无需登录。任何人都可以用公开的工具核验。',
  'transparency.refresh': '刷新数据',
  'transparency.asOf': '截至日志第 {seq} 条',

  'transparency.price.title': '积分价格',
  'transparency.price.value': '¥{price} / 积分',
  'transparency.price.rule': '价格 = 储备金 ÷ 积分总量，只按公开规则变动。',
  'transparency.history.title': '价格走势',
  'transparency.history.label':
    '积分价格走势图：从 {from} 的 ¥{first} 到 {to} 的 ¥{last}，最低 ¥{min}，最高 ¥{max}',
  'transparency.history.range': '{from} 至 {to}，共 {count} 个读数',
  'transparency.history.tooFew': '价格记录还不够多，暂时无法绘制走势。',

  'transparency.figures.title': '储备与总量',
  'transparency.reserve': '储备金',
  'transparency.supply': '积分总量（流通）',
  'transparency.minted': '累计发行',
  'transparency.burned': '累计销毁',
  'transparency.cap': '发行上限',
  'transparency.capUsed': '已发行 {percent}% 的上限',
  'transparency.dividendFund': '分红基金',
  'transparency.accounts': '账户数',

  'transparency.liabilities.title': '待兑付',
  'transparency.quota': '未用分红额度',
  'transparency.stable': '稳定积分（可用）',
  'transparency.heldStable': '稳定积分（订单占用）',
  'transparency.treasury': '国库积分',
  'transparency.platform': '平台积分',
  'transparency.fees': '卖出手续费 {sell}%，兑换手续费 {convert}%（参数版本 {version}）',

  'transparency.journal.title': '日志头',
  'transparency.journal.seq': '序号',
  'transparency.journal.hash': '哈希',
  'transparency.journal.how':
    '如何核验：每条记录都链接上一条的哈希，删改任何一条都会改变日志头。拿到商城的导出文件后，导入一个空库并要求链中包含上面的哈希：',
  'transparency.journal.note': '输出 ok 即表示日志从创世到此哈希完整无缺。',

  'transparency.proof.title': '负债证明',
  'transparency.proof.root': '默克尔求和树根',
  'transparency.proof.totals': '树中合计：积分价值 {value}，现金 {cash}，稳定积分 {stable}',
  'transparency.proof.meta': '{count} 名会员，建于日志第 {seq} 条（{time}）',
  'transparency.proof.how':
    '会员可在钱包中下载自己的包含证明（GET /api/wallet/proof），保存为文件后离线核验，再把输出的根与上面的树根比对：',

  'transparency.risk.title': '风险提示',
} as const;

export const transparencyEn: Record<keyof typeof transparencyZh, string> = {
  'page.transparency': 'Transparency',

  'transparency.lead':
    "These figures come straight from the mall's economy journal; no sign-in needed. Anyone can check them with the published tools.",
  'transparency.refresh': 'Refresh',
  'transparency.asOf': 'As of journal entry {seq}',

  'transparency.price.title': 'Point price',
  'transparency.price.value': '¥{price} / point',
  'transparency.price.rule': 'Price = reserve ÷ supply of points; it moves only by the published rules.',
  'transparency.history.title': 'Price history',
  'transparency.history.label':
    'Point price chart: from ¥{first} on {from} to ¥{last} on {to}, lowest ¥{min}, highest ¥{max}',
  'transparency.history.range': '{from} to {to}, {count} readings',
  'transparency.history.tooFew': 'Not enough price readings yet to draw a chart.',

  'transparency.figures.title': 'Reserve and supply',
  'transparency.reserve': 'Reserve',
  'transparency.supply': 'Points in circulation',
  'transparency.minted': 'Minted in total',
  'transparency.burned': 'Burned in total',
  'transparency.cap': 'Supply cap',
  'transparency.capUsed': '{percent}% of the cap minted',
  'transparency.dividendFund': 'Dividend fund',
  'transparency.accounts': 'Accounts',

  'transparency.liabilities.title': 'Outstanding',
  'transparency.quota': 'Unused dividend quota',
  'transparency.stable': 'Stable points (free)',
  'transparency.heldStable': 'Stable points (held for orders)',
  'transparency.treasury': 'Treasury points',
  'transparency.platform': 'Platform points',
  'transparency.fees': 'Sell fee {sell}%, convert fee {convert}% (parameters version {version})',

  'transparency.journal.title': 'Journal head',
  'transparency.journal.seq': 'Entry',
  'transparency.journal.hash': 'Hash',
  'transparency.journal.how':
    "How to check it: every entry links the previous entry's hash, so changing or removing any entry changes the head. With the mall's export, import it into an empty store and require the chain to contain the hash above:",
  'transparency.journal.note': 'ok means the journal is whole from genesis up to this hash.',

  'transparency.proof.title': 'Proof of liabilities',
  'transparency.proof.root': 'Merkle sum tree root',
  'transparency.proof.totals':
    'Totals in the tree: points value {value}, cash {cash}, stable points {stable}',
  'transparency.proof.meta': '{count} members, built at journal entry {seq} ({time})',
  'transparency.proof.how':
    'Members download their own inclusion proof in the wallet (GET /api/wallet/proof), save it to a file and check it offline, then compare the root it prints with the root above:',

  'transparency.risk.title': 'Risk statement',
};
