// Browser test of 监测: the real `minyi demo` server on a loopback port,
// driven with Debian's chromium through playwright-core.
//
// Covers: log in; 监测 → 概览 renders its charts and top events; 信息检索
// finds a demo item by a phrase; an event page opens with its timeline chart
// and outlets.
//
// Server, browser and environment: see harness.mjs.
import { PASSWORD, runBrowserTest, step } from './harness.mjs';

const ADMIN = { name: 'admin', password: PASSWORD };

runBrowserTest({ name: 'monitor', title: '监测概览、信息检索、事件详情' }, async (h) => {
  const { page } = h;
  step('以 admin 登录');
  await h.openLoginPage();
  await page.getByPlaceholder('请输入用户名').fill(ADMIN.name);
  await page.getByPlaceholder('请输入密码').fill(ADMIN.password);
  await page.locator('.login-submit').click();
  await page.locator('[data-testid="dashboard-org"]').waitFor();

  step('监测 → 概览');
  await page.locator('.side-menu').getByText('监测', { exact: true }).click();
  await page.locator('.side-menu').getByText('概览', { exact: true }).click();
  const dash = page.locator('[data-testid="monitor-dashboard"]');
  await dash.waitFor();
  await page.locator('[data-testid="trend-chart"] canvas').waitFor();
  await page.locator('[data-testid="top-events"] .el-table__body tr').first().waitFor();
  const events = await page.locator('[data-testid="top-events"] .el-table__body tr').count();
  console.log(`    热点事件 ${events} 个`);
  await h.shot('monitor-dashboard.png');

  step('信息检索：锦绣花园 暖气');
  await page.locator('.side-menu').getByText('信息检索', { exact: true }).click();
  await page.locator('input[data-testid="monitor-search-input"], [data-testid="monitor-search-input"] input').first().fill('锦绣花园 暖气');
  await page.locator('[data-testid="monitor-search-button"]').click();
  const results = page.locator('[data-testid="monitor-results"] .el-table__body');
  await results.getByText('锦绣花园暖气不热，谁来管管？').first().waitFor();
  const rows = await results.locator('tr').count();
  if (rows < 3) throw new Error(`检索结果只有 ${rows} 条`);
  console.log(`    检索结果 ${rows} 条`);
  await h.shot('monitor-search.png');

  step('打开事件详情');
  await page.locator('.side-menu').getByText('事件', { exact: true }).click();
  const first = page.locator('[data-testid="monitor-events"] .el-table__body tr').first().locator('.el-link').first();
  await first.waitFor();
  const title = (await first.innerText()).trim();
  await first.click();
  await page.locator('[data-testid="event-title"]').waitFor();
  const shown = (await page.locator('[data-testid="event-title"]').innerText()).trim();
  if (shown !== title) throw new Error(`事件页标题“${shown}”与列表“${title}”不一致`);
  await page.locator('[data-testid="event-timeline"] canvas').waitFor();
  await page.locator('[data-testid="to-case"]').waitFor();
  console.log(`    事件：${title}`);
  await h.shot('monitor-event.png');

  h.checkPageHealthy();
});
