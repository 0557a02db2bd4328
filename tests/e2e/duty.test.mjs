// Browser test of the duty ledger's zero-reports: a reporter (信息员)
// submits this month's zero-report for their own unit in the browser, then
// the administrator sees the completeness grid count it.
//
// Environment as tests/e2e/login.test.mjs (MINYI_BIN, NODE_PATH,
// MINYI_ARTIFACTS, MINYI_RESOURCES). The server is killed in every outcome.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const TEST_BUDGET_MS = 170_000;  // whole test, well under ctest's limit
const STEP_TIMEOUT_MS = 15_000;  // any single browser wait
const CHROMIUM = process.env.MINYI_CHROMIUM || '/usr/bin/chromium';
const PASSWORD = 'minyi2026';

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

async function login(page, name, password) {
  await page.getByText('用户登录').waitFor();
  await page.getByPlaceholder('请输入用户名').fill(name);
  await page.getByPlaceholder('请输入密码').fill(password);
  await page.locator('.login-submit').click();
  await page.locator('[data-testid="user-name"]').waitFor();
}

async function run() {
  const bin = process.env.MINYI_BIN;
  if (!bin || !fs.existsSync(bin)) throw new Error(`MINYI_BIN 未设置或不存在：${bin}`);
  if (!fs.existsSync(CHROMIUM)) throw new Error(`找不到浏览器 ${CHROMIUM}（apt-get install chromium）`);
  const { chromium } = loadPlaywright();
  const artifacts = process.env.MINYI_ARTIFACTS || '';
  if (artifacts) fs.mkdirSync(artifacts, { recursive: true });

  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'minyi-e2e-duty-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  step(`启动 minyi demo（${base}）`);
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
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    timeout: 30_000,
  });
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') console.log(`    [浏览器] ${m.text()}`); });

  step('信息员登录并打开 台账 → 零报告');
  // A loaded machine (parallel builds, other browsers) can take long to start
  // chromium's first page; the step timeout applies to what follows.
  await page.goto(base + '/', { waitUntil: 'domcontentloaded', timeout: 60_000 });
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
  await shot(page, artifacts, 'duty-zero-reporter.png');

  step('退出，管理员登录查看报送情况');
  await page.locator('[data-testid="logout"]').click();
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
  await shot(page, artifacts, 'duty-zero-admin.png');

  step('其他台账页面可以打开');
  for (const [hash, text] of [['/duty/group', '王局长'], ['/duty/tasks', '季度网络意识形态形势研判会'],
    ['/duty/records', '一季度网络意识形态形势研判会'], ['/duty/selfcheck', '两个村级微信公众号未登记备案']]) {
    await page.goto(base + '/#' + hash);
    await page.getByText(text).first().waitFor();
  }
  if (pageErrors.length) throw new Error(`页面脚本出错：\n${pageErrors.join('\n')}`);
}

async function main() {
  const started = Date.now();
  console.log('e2e duty: 信息员报送零报告，管理员查看报送情况');
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
