// Browser test of a case's whole life: the 信访接待室 handler registers a
// case by hand and dispatches it to 城关镇, 城关镇's handler signs and replies,
// the leader approves (办结); the case page shows the timeline and the KPI
// page draws its charts. No script or console errors on the way.
//
// Server, browser and environment: see harness.mjs.
import { PASSWORD, login, runBrowserTest, step } from './harness.mjs';

const TITLE = '浏览器测试：东关村公交站台顶棚破损';

runBrowserTest({ name: 'cases', title: '登记、分派、签收、答复、审核办结，查看办理过程和统计图表', budgetMs: 200_000,
  viewport: { width: 1366, height: 900 } }, async (h) => {
  const { page, base } = h;
  const consoleErrors = [];
  // Element Plus puts a text field's attributes on the <input>/<textarea> itself.
  const field = (id) => page.locator(`[data-testid="${id}"]`)
    .locator('xpath=descendant-or-self::*[self::input or self::textarea]').first();
  async function act(action, note) {
    await page.locator(`[data-testid="act-${action}"]`).click();
    if (note !== undefined) {
      await field('action-note').fill(note);
      await page.locator('[data-testid="action-submit"]').click();
    }
  }
  async function expectState(label) {
    await page.locator('[data-testid="case-state"]', { hasText: label }).waitFor();
  }

  step('受理科室经办人登录，登记事项');
  await h.openLoginPage();
  await login(page, 'handler', PASSWORD);
  // From here on (the login page's 401 session probe is expected) any console error fails the test.
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  await page.goto(base + '/#/cases/all');
  await page.locator('[data-testid="case-new"]').click();
  await field('case-title').fill(TITLE);
  await page.locator('[data-testid="case-create"]').click();
  await page.locator('[data-testid="case-heading"]', { hasText: TITLE }).waitFor();
  await expectState('待分派');
  const detailUrl = page.url();
  if (!/#\/cases\/detail\?id=\d+/.test(detailUrl)) throw new Error(`登记后应打开事项详情，实际为 ${detailUrl}`);

  step('分派给城关镇');
  await act('dispatch');
  await page.locator('[data-testid="dispatch-lead"]').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: '城关镇' }).first().click();
  await field('action-note').fill('请城关镇核实处理');
  await page.locator('[data-testid="action-submit"]').click();
  await expectState('待签收');
  if (await page.locator('[data-testid="act-sign"]').count()) throw new Error('受理科室不应能签收');

  step('城关镇经办人签收并答复');
  await login(page, 'handler2', PASSWORD);
  await page.goto(detailUrl);
  await page.locator('[data-testid="case-heading"]', { hasText: TITLE }).waitFor();
  await act('sign');
  await expectState('办理中');
  await act('reply', '已联系公交公司更换顶棚，2 日内修复。');
  await expectState('待审核');

  step('领导审核通过，事项办结');
  await login(page, 'leader', PASSWORD);
  await page.goto(detailUrl);
  await page.locator('[data-testid="case-heading"]', { hasText: TITLE }).waitFor();
  await act('approve', '同意办结');
  await expectState('已办结');
  const timeline = page.locator('[data-testid="case-timeline"]');
  for (const label of ['受理', '分派', '签收', '答复', '审核通过并办结']) {
    await timeline.getByText(label, { exact: true }).first().waitFor();
  }
  const items = await timeline.locator('.el-timeline-item').count();
  if (items !== 5) throw new Error(`办理过程应有 5 条记录，实际 ${items} 条`);
  await page.locator('[data-testid="clock-close"]').getByText('用时').waitFor();
  await h.shot('cases-detail.png');

  step('统计分析页显示指标表和图表');
  await page.goto(base + '/#/cases/stats');
  const table = page.locator('[data-testid="stats-table"]');
  await table.getByText('合计').waitFor();
  await table.getByText('城关镇').first().waitFor();
  for (const chart of ['stats-chart-rates', 'stats-chart-times']) {
    await page.locator(`[data-testid="${chart}"] canvas`).first().waitFor();
  }
  await h.shot('cases-stats.png');

  h.checkPageHealthy();
  if (consoleErrors.length) throw new Error(`浏览器控制台有错误：\n${consoleErrors.join('\n')}`);
});
