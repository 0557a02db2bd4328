// Browser test of the duty ledger's zero-reports: a reporter (信息员)
// submits this month's zero-report for their own unit in the browser, then
// the administrator sees the completeness grid count it.
//
// Server, browser and environment: see harness.mjs.
import { PASSWORD, login, runBrowserTest, step } from './harness.mjs';

runBrowserTest({ name: 'duty', title: '信息员报送零报告，管理员查看报送情况', budgetMs: 170_000,
  viewport: { width: 1366, height: 900 } }, async (h) => {
  const { page, base } = h;
  step('信息员登录并打开 台账 → 零报告');
  await h.openLoginPage();
  await login(page, 'reporter', PASSWORD);
  await page.goto(base + '/#/duty/zero');
  const form = page.locator('[data-testid="zero-form"]');
  await form.waitFor();
  await form.getByText('东关村').waitFor();  // the reporter's own unit, not a choice
  const month = await page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
  });
  if (await page.locator('[data-testid="zero-grid"]').count()) throw new Error('信息员不应看到全部单位的报送情况');

  step(`报送 ${month} 零报告（本月无情况）`);
  await form.getByText('本月无情况（零报告）').click();
  await page.locator('[data-testid="zero-submit"]').click();
  await page.getByText(`已报送 ${month} 零报告`).waitFor();
  await page.locator('.el-table__body').getByText(month, { exact: true }).first().waitFor();
  await h.shot('duty-zero-reporter.png');

  step('退出，管理员登录查看报送情况');
  await login(page, 'admin', PASSWORD);
  await page.goto(base + '/#/duty/zero');
  const count = page.locator(`[data-testid="zero-count-${month}"]`);
  await count.waitFor();
  const text = (await count.innerText()).trim();
  if (!text.startsWith('1/')) throw new Error(`本月报送数应为 1，实际为“${text}”`);
  const grid = page.locator('[data-testid="zero-grid"]');
  const row = grid.locator('.el-table__body tr', { hasText: '东关村' }).first();
  await row.waitFor();
  const cells = await row.locator('td').allInnerTexts();
  if (cells[cells.length - 1].trim() !== '无') throw new Error(`东关村本月应显示“无”，实际为“${cells[cells.length - 1]}”`);
  const missing = await grid.locator('.el-table__body').getByText('未报').count();
  console.log(`    本月 ${text}；表中“未报” ${missing} 处`);
  if (missing === 0) throw new Error('演示数据中应有未报送的单位');
  await h.shot('duty-zero-admin.png');

  step('其他台账页面可以打开');
  for (const [hash, text] of [['/duty/group', '王局长'], ['/duty/tasks', '季度网络意识形态形势研判会'],
    ['/duty/records', '一季度网络意识形态形势研判会'], ['/duty/selfcheck', '两个村级微信公众号未登记备案']]) {
    await page.goto(base + '/#' + hash);
    await page.getByText(text).first().waitFor();
  }
  h.checkPageHealthy();
});
