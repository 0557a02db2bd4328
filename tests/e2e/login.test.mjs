// Browser test: the real `minyi demo` server on a loopback port, driven with
// Debian's chromium through playwright-core.
//
// Covers: a wrong password shows a Chinese error; admin / minyi2026 logs in
// and sees the dashboard with the organization's name; 系统 → 用户管理 and
// 组织机构 show their data; 审校 → 阵地 lists the demo channels; logout
// returns to the login page and ends the session.
//
// Environment (set by ctest, see tests/CMakeLists.txt):
//   MINYI_BIN        the minyi binary (required)
//   NODE_PATH        web/node_modules, for playwright-core
//   MINYI_ARTIFACTS  directory for screenshots (optional)
//   MINYI_RESOURCES  share/minyi, passed on to the server
// The server is killed in every outcome: finally, exit and signal handlers.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const TEST_BUDGET_MS = 110_000;  // whole test, well under ctest's limit
const STEP_TIMEOUT_MS = 15_000;  // any single browser wait
const CHROMIUM = process.env.MINYI_CHROMIUM || '/usr/bin/chromium';
const ADMIN = { name: 'admin', password: 'minyi2026' };

// ESM ignores NODE_PATH, so resolve playwright-core through it explicitly.
function loadPlaywright() {
  const bases = [...(process.env.NODE_PATH || '').split(path.delimiter).filter(Boolean),
    path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../web/node_modules')];
  for (const base of bases) {
    try {
      return createRequire(path.join(base, 'noop.js'))('playwright-core');
    } catch { /* try the next one */ }
  }
  throw new Error('找不到 playwright-core：请在 web/ 下执行 npm ci，并把 NODE_PATH 指向 web/node_modules');
}

let server = null;
let serverLog = '';
let browser = null;
let dataDir = null;

function killServer() {
  if (server && server.exitCode === null && server.signalCode === null) {
    try { server.kill('SIGKILL'); } catch { /* already gone */ }
  }
}
process.on('exit', () => {
  killServer();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => { console.error(`收到 ${sig}，结束测试`); killServer(); process.exit(2); });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitHealthy(base, ms) {
  const deadline = Date.now() + ms;
  let last = '';
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`minyi demo 提前退出（退出码 ${server.exitCode}，信号 ${server.signalCode}）`);
    }
    try {
      const r = await fetch(base + '/healthz', { signal: AbortSignal.timeout(2000) });
      if (r.ok) return;
      last = `HTTP ${r.status}`;
    } catch (e) { last = e.message; }
    await sleep(200);
  }
  throw new Error(`等待 /healthz 超时（${ms} ms）：${last}`);
}

function step(name) { console.log(`  - ${name}`); }

async function shot(page, artifacts, name) {
  if (!artifacts) return;
  const file = path.join(artifacts, name);
  // Let loading masks and Element Plus transitions finish so the picture is the settled page.
  await page.locator('.el-loading-mask').first().waitFor({ state: 'hidden' }).catch(() => {});
  await page.waitForTimeout(400);
  await page.screenshot({ path: file, fullPage: false });
  console.log(`    截图 ${file}`);
}

async function run() {
  const bin = process.env.MINYI_BIN;
  if (!bin || !fs.existsSync(bin)) throw new Error(`MINYI_BIN 未设置或不存在：${bin}`);
  if (!fs.existsSync(CHROMIUM)) throw new Error(`找不到浏览器 ${CHROMIUM}（apt-get install chromium）`);
  const { chromium } = loadPlaywright();
  const artifacts = process.env.MINYI_ARTIFACTS || '';
  if (artifacts) fs.mkdirSync(artifacts, { recursive: true });

  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'minyi-e2e-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  step(`启动 minyi demo（${base}，数据目录 ${dataDir}）`);
  server = spawn(bin, ['demo', '--data', path.join(dataDir, 'data'), '--listen', `127.0.0.1:${port}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env },
  });
  const keep = (d) => { serverLog = (serverLog + d.toString()).slice(-8000); };
  server.stdout.on('data', keep);
  server.stderr.on('data', keep);
  await waitHealthy(base, 30_000);

  step('启动 chromium');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    // launch() always gives the browser a fresh temporary profile (user-data-dir).
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    timeout: 30_000,
  });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') console.log(`    [浏览器] ${m.text()}`); });
  const requestFailures = [];
  page.on('requestfailed', (r) => requestFailures.push(`${r.url()}: ${r.failure()?.errorText}`));

  step('打开登录页');
  await page.goto(base + '/', { waitUntil: 'load' });
  await page.getByText('用户登录').waitFor();
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
  await shot(page, artifacts, 'login-error.png');

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
  await shot(page, artifacts, 'dashboard.png');

  step('系统 → 用户管理');
  await page.locator('.side-menu').getByText('用户管理', { exact: true }).click();
  const usersTable = page.locator('[data-testid="users-table"]');
  await usersTable.locator('.el-table__body tr').first().waitFor();
  await usersTable.locator('.el-table__body').getByText(ADMIN.name, { exact: true }).first().waitFor();
  const userRows = await usersTable.locator('.el-table__body tr').count();
  if (userRows < 2) throw new Error(`用户列表只有 ${userRows} 行，演示数据应有多个账号`);
  console.log(`    用户 ${userRows} 个`);
  await shot(page, artifacts, 'users.png');

  step('系统 → 组织机构');
  await page.locator('.side-menu').getByText('组织机构', { exact: true }).click();
  const unitsTable = page.locator('[data-testid="units-table"]');
  await unitsTable.locator('.el-table__body tr').first().waitFor();
  const unitRows = await unitsTable.locator('.el-table__body tr').count();
  console.log(`    单位 ${unitRows} 个`);
  await shot(page, artifacts, 'units.png');

  step('审校 → 阵地（所有模块均已建成，不再有“正在建设中”页面）');
  await page.locator('.side-menu').getByText('审校', { exact: true }).click();
  await page.locator('.side-menu').getByText('阵地', { exact: true }).click();
  await page.locator('[data-testid="channels-table"] .el-table__body tr').first().waitFor();

  step('退出登录');
  await page.locator('[data-testid="logout"]').click();
  await page.getByText('用户登录').waitFor();
  const after = await page.evaluate(async () => (await fetch('/api/v1/session', { credentials: 'same-origin' })).status);
  if (after !== 401) throw new Error(`退出后 GET /api/v1/session 应为 401，实际为 ${after}`);
  await shot(page, artifacts, 'logged-out.png');

  if (pageErrors.length) throw new Error(`页面脚本出错：\n${pageErrors.join('\n')}`);
  const relevant = requestFailures.filter((f) => !f.includes('net::ERR_ABORTED'));
  if (relevant.length) throw new Error(`请求失败：\n${relevant.join('\n')}`);
}

async function main() {
  const started = Date.now();
  console.log('e2e login: 登录、首页、系统管理、退出');
  let failed = null;
  const watchdog = setTimeout(() => {
    console.error(`超时：整个测试超过 ${TEST_BUDGET_MS / 1000} 秒`);
    killServer();
    process.exit(3);
  }, TEST_BUDGET_MS);
  try {
    await run();
  } catch (e) {
    failed = e;
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      const exited = await Promise.race([
        new Promise((r) => server.once('exit', () => r(true))), sleep(3000).then(() => false)]);
      if (!exited) killServer();
    }
    clearTimeout(watchdog);
  }
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (failed) {
    console.error(`失败：${failed.message}`);
    if (serverLog) console.error(`--- 服务器输出（末尾）---\n${serverLog}\n---`);
    console.log(`0 passed, 1 failed (${secs} s)`);
    process.exit(1);
  }
  console.log(`1 passed, 0 failed (${secs} s)`);
  process.exit(0);
}

main();
