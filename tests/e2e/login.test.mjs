// Browser test: the real `minyi demo` server on a loopback port, driven with
// Debian's chromium through playwright-core.
//
// Covers: a wrong password shows a Chinese error; admin / minyi2026 logs in
// and sees the dashboard with the organization's name; 系统 → 用户管理 and
// 组织机构 show their data; 审校 → 阵地 lists the demo channels; logout
// returns to the login page and ends the session.
//
// Server, browser and environment: see harness.mjs.
import { PASSWORD, logout, runBrowserTest, step } from './harness.mjs';

const ADMIN = { name: 'admin', password: PASSWORD };

runBrowserTest({ name: 'login', title: '登录、首页、系统管理、退出' }, async (h) => {
  const { page } = h;
  step('打开登录页');
  await h.openLoginPage();
  const username = page.getByPlaceholder('请输入用户名');
  const password = page.getByPlaceholder('请输入密码');

  step('错误密码应显示中文错误');
  await username.fill(ADMIN.name);
  await password.fill('wrong-password');
  await page.locator('.login-submit').click();
  const alert = page.locator('.login-error');
  await alert.waitFor();
  const alertText = (await alert.innerText()).trim();
  if (!/[\u4e00-\u9fff]/.test(alertText)) throw new Error(`登录错误提示不是中文：“${alertText}”`);
  console.log(`    提示：${alertText}`);
  await h.shot('login-error.png');

  step('以 admin 登录');
  await username.fill(ADMIN.name);
  await password.fill(ADMIN.password);
  await page.locator('.login-submit').click();
  const dashOrg = page.locator('[data-testid="dashboard-org"]');
  await dashOrg.waitFor();
  const org = await page.evaluate(async () => {
    const r = await fetch('/api/v1/organization', { credentials: 'same-origin' });
    return r.ok ? (await r.json()).name : `HTTP ${r.status}`;
  });
  if (!org || org.startsWith('HTTP ')) throw new Error(`读取单位名称失败：${org}`);
  await page.waitForFunction((name) => {
    const el = document.querySelector('[data-testid="dashboard-org"]');
    return el && el.textContent.includes(name);
  }, org);
  const topOrg = (await page.locator('[data-testid="org-name"]').innerText()).trim();
  if (topOrg !== org) throw new Error(`顶栏单位名称为“${topOrg}”，应为“${org}”`);
  const userName = (await page.locator('[data-testid="user-name"]').innerText()).trim();
  if (!userName) throw new Error('顶栏没有显示当前用户');
  await page.locator('.chart canvas').first().waitFor();  // ECharts drew something
  console.log(`    单位：${org}；用户：${userName}`);
  await h.shot('dashboard.png');

  step('系统 → 用户管理');
  await page.locator('.side-menu').getByText('用户管理', { exact: true }).click();
  const usersTable = page.locator('[data-testid="users-table"]');
  await usersTable.locator('.el-table__body tr').first().waitFor();
  await usersTable.locator('.el-table__body').getByText(ADMIN.name, { exact: true }).first().waitFor();
  const userRows = await usersTable.locator('.el-table__body tr').count();
  if (userRows < 2) throw new Error(`用户列表只有 ${userRows} 行，演示数据应有多个账号`);
  console.log(`    用户 ${userRows} 个`);
  await h.shot('users.png');

  step('系统 → 组织机构');
  await page.locator('.side-menu').getByText('组织机构', { exact: true }).click();
  const unitsTable = page.locator('[data-testid="units-table"]');
  await unitsTable.locator('.el-table__body tr').first().waitFor();
  const unitRows = await unitsTable.locator('.el-table__body tr').count();
  console.log(`    单位 ${unitRows} 个`);
  await h.shot('units.png');

  step('审校 → 阵地（所有模块均已建成，不再有“正在建设中”页面）');
  await page.locator('.side-menu').getByText('审校', { exact: true }).click();
  await page.locator('.side-menu').getByText('阵地', { exact: true }).click();
  await page.locator('[data-testid="channels-table"] .el-table__body tr').first().waitFor();

  step('退出登录');
  await logout(page);
  const after = await page.evaluate(async () => (await fetch('/api/v1/session', { credentials: 'same-origin' })).status);
  if (after !== 401) throw new Error(`退出后 GET /api/v1/session 应为 401，实际为 ${after}`);
  await h.shot('logged-out.png');

  h.checkPageHealthy({ requests: true });
});
