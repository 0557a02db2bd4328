// Browser test of the on-duty rota: the administrator views this month's
// rota with the heightened period; the person on duty opens 待确认提醒 and
// acknowledges the page the demo routed to them.
//
// Server, browser and environment: see harness.mjs.
import { PASSWORD, login, runBrowserTest, step } from './harness.mjs';

const ACCOUNTS = { 赵干事: 'handler', 张编辑: 'editor', 李科长: 'reviewer' };

runBrowserTest({ name: 'rota', title: '查看值班表，值班人员确认值班提醒', budgetMs: 170_000,
  viewport: { width: 1366, height: 900 } }, async (h) => {
  const { page, base } = h;
  step('管理员登录并打开 值班 → 值班表');
  await h.openLoginPage();
  await login(page, 'admin', PASSWORD);
  await page.goto(base + '/#/rota/shifts');
  const table = page.locator('[data-testid="rota-table"]');
  await table.locator('.el-table__body tr').first().waitFor();
  const rows = await table.locator('.el-table__body tr').count();
  if (rows < 28) throw new Error(`本月班次应不少于 28 个，实际 ${rows}`);
  const banner = page.locator('[data-testid="rota-now"]');
  await banner.getByText('当前值班').waitFor();
  const bannerText = await banner.innerText();
  const onDuty = Object.keys(ACCOUNTS).find((n) => bannerText.includes(n));
  if (!onDuty) throw new Error(`当前值班人应为演示账号之一：${bannerText}`);
  console.log(`    本月 ${rows} 个班次；当前值班：${onDuty}`);
  await h.shot('rota-shifts.png');

  step(`值班人员（${onDuty}）登录并确认值班提醒`);
  await login(page, ACCOUNTS[onDuty], PASSWORD);
  await page.goto(base + '/#/rota/pages');
  const list = page.locator('[data-testid="rota-pages"]');
  const button = list.locator('[data-testid="rota-ack"]').first();
  await button.waitFor();
  const before = await list.locator('[data-testid="rota-ack"]').count();
  await button.click();
  const box = page.locator('.el-message-box');
  await box.locator('input').fill('已研判，持续关注');
  await box.getByRole('button', { name: '确认收到' }).click();
  await page.locator('.el-message--success', { hasText: '已确认' }).waitFor();
  // Waiting-for-me shows one fewer; the full list shows who acknowledged.
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="rota-ack"]').length === n - 1, before);
  await page.getByText('全部提醒').click();
  await list.getByText('已研判，持续关注').waitFor();
  await h.shot('rota-pages-acked.png');
  h.checkPageHealthy();
});
