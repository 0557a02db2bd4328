// Browser test of reports: the administrator drafts this month's report in
// the UI, edits a paragraph, saves and finalizes it, downloads the Word file,
// and follows a figure's link to the page listing the records it counts.
//
// Server, browser and environment: see harness.mjs.
import { PASSWORD, login, runBrowserTest, step } from './harness.mjs';

runBrowserTest({ name: 'reports', title: '起草、修改、定稿并下载报告，数据项可追溯到记录', budgetMs: 300_000,
  viewport: { width: 1440, height: 900 } }, async (h) => {
  const { page, base } = h;
  step('管理员登录，打开 报告 → 报告列表，新建月度报告');
  await h.openLoginPage();
  await login(page, 'admin', PASSWORD);
  await page.goto(base + '/#/reports/list');
  await page.locator('[data-testid="report-new"]').click();
  await page.locator('[data-testid="report-period"]').waitFor();
  const period = (await page.locator('[data-testid="report-period"]').innerText()).trim();
  if (!/^\d{4}(-\d{2}|Q\d|H\d)?$/.test(period)) throw new Error(`报告期代码异常：“${period}”`);
  await page.locator('[data-testid="report-create"]').click();

  step(`起草 ${period} 报告，修改第一段并保存`);
  // Element Plus puts the attribute on the textarea itself (or its wrapper in other versions).
  const para = page.locator('textarea[data-testid="para-0-0"], [data-testid="para-0-0"] textarea').first();
  await para.waitFor({ timeout: 120_000 });
  const edited = '经人工核实，本期网络信息工作总体平稳有序（浏览器测试修改）。';
  step('编辑页已打开');
  await para.fill(edited);
  await page.locator('[data-testid="report-save"]').click();
  await page.getByText('已保存').first().waitFor();
  const url = page.url();
  const id = Number(new URL(url.replace('#/', '')).searchParams.get('id'));
  if (!id) throw new Error(`编辑页地址中没有报告编号：${url}`);

  step('定稿');
  await page.locator('[data-testid="report-finalize"]').click();
  await page.locator('.el-message-box').getByRole('button', { name: '确定' }).click();
  await page.locator('[data-testid="report-status"]', { hasText: '定稿' }).waitFor();
  if (await page.locator('[data-testid="report-save"]').count()) throw new Error('定稿后不应再能保存修改');
  const text = await para.inputValue();
  if (text !== edited) throw new Error(`定稿后第一段应保持修改后的文字，实际为“${text}”`);
  await h.shot('reports-final.png');

  step('下载 Word（公文格式）');
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    (async () => {
      await page.getByRole('button', { name: '下载' }).hover();
      await page.getByText('Word（公文格式）').click();
    })(),
  ]);
  const file = await download.path();
  const fs = await import('node:fs');
  const head = fs.readFileSync(file).subarray(0, 2).toString('latin1');
  if (head !== 'PK') throw new Error(`下载的 Word 文件格式不正确（开头为 ${JSON.stringify(head)}）`);
  console.log(`    已下载 ${download.suggestedFilename()}（${fs.statSync(file).size} 字节）`);

  step('点击数据项“查看”，打开被统计记录的页面');
  const links = page.locator('[data-testid="report-figures"] a[data-testid^="figure-link-"]');
  await links.first().waitFor();
  const withIds = page.locator('[data-testid="report-figures"] a[href*="#/reports/figure"]');
  const target = (await withIds.count()) ? withIds.first() : links.first();
  const href = await target.getAttribute('href');
  await target.click();
  await page.waitForURL((u) => u.hash === href || u.href.endsWith(href));
  if (href.includes('#/reports/figure')) {
    await page.locator('[data-testid="figure-title"]').filter({ hasText: '：' }).waitFor();
    await page.locator('[data-testid="figure-records"]').waitFor();
    const rows = await page.locator('[data-testid="figure-records"] .el-table__body tr').count();
    console.log(`    ${await page.locator('[data-testid="figure-title"]').innerText()}：列出 ${rows} 条记录`);
    await h.shot('reports-figure.png');
    // and a record there opens its own page
    if (rows > 0) {
      await page.locator('[data-testid="figure-records"] .el-table__body a').first().click();
      await page.waitForFunction(() => !location.hash.startsWith('#/reports/figure'));
      await page.locator('.el-card, .page').first().waitFor();
    }
  } else {
    await page.locator('.el-card, .page').first().waitFor();
  }
  // An unregistered route falls back to the placeholder page.
  if (await page.locator('.placeholder-note').count()) throw new Error(`数据项链接 ${href} 指向未开放的页面`);
  h.checkPageHealthy();
});
