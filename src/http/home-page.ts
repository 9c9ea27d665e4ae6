/** The placeholder home page: the founding example's price curve as an inline SVG, Chinese first. */
export function renderHomePage(pricesYuan: readonly string[]): string {
  const width = 600;
  const height = 240;
  const values = pricesYuan.map((p) => Number(p));
  const max = Math.max(...values);
  const points = values
    .map(
      (v, i) =>
        `${((i / (values.length - 1)) * width).toFixed(1)},${(height - (v / max) * height).toFixed(1)}`,
    )
    .join(' ');
  const rows = pricesYuan
    .map((p, i) => (i < 4 || i === pricesYuan.length - 1 ? `<tr><td>${i + 1}</td><td>${p}</td></tr>` : ''))
    .join('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Tokenmall 通证积分商城</title>
<style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;max-width:680px;margin:2rem auto;padding:0 1rem;color:#222}
svg{width:100%;height:auto;background:#faf7f2;border:1px solid #e5dccf}table{border-collapse:collapse}td{padding:2px 12px}
.risk{font-size:.9em;color:#7a4b00;background:#fff6e0;padding:.6rem;border-radius:6px}</style></head>
<body>
<h1>Tokenmall 通证积分商城</h1>
<p>创始示例：100 位顾客各买一瓶 100 元的葡萄酒，每笔订单的 30% 进入储备金，增值积分价格 = 储备金 / 总量。</p>
<p lang="en">Founding example: 100 buyers of one 100-yuan bottle; 30% of each order goes to the reserve; the equity point price is reserve / supply.</p>
<svg viewBox="0 0 ${width} ${height}" role="img" aria-label="price per point after each buyer"><polyline fill="none" stroke="#8b1e3f" stroke-width="2" points="${points}"/></svg>
<table><tr><th>顾客 buyer</th><th>元/积分 yuan per point</th></tr>${rows}</table>
<p class="risk">风险提示：价格上涨是规则的性质，不是收益承诺。积分不可转让，只能通过消费获得。<br>
Risk statement: the price rising is a property of the rules, not a promise of profit. Points cannot be transferred and come only from consumption.</p>
<p>The mall itself (storefront, wallet, consoles) is being built; this page shows the engine only. JSON: <a href="/api/example">/api/example</a></p>
</body></html>
`;
}
