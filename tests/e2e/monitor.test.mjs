// Browser test of 监测: the real `minyi demo` server on a loopback port,
// driven with Debian's chromium through playwright-core.
//
// Covers: log in; 监测 → 概览 renders its charts and top events; 信息检索
// finds a demo item by a phrase; an event page opens with its timeline chart
// and outlets.
//
// Environment: as tests/e2e/login.test.mjs (MINYI_BIN, NODE_PATH,
// MINYI_ARTIFACTS, MINYI_RESOURCES).
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

  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'minyi-e2e-monitor-'));
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

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    timeout: 30_000,
  });
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') console.log(`    [浏览器] ${m.text()}`); });

  step('以 admin 登录');
  await page.goto(base + '/', { waitUntil: 'load' });
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
  await shot(page, artifacts, 'monitor-dashboard.png');

  step('信息检索：锦绣花园 暖气');
  await page.locator('.side-menu').getByText('信息检索', { exact: true }).click();
  await page.locator('input[data-testid="monitor-search-input"], [data-testid="monitor-search-input"] input').first().fill('锦绣花园 暖气');
  await page.locator('[data-testid="monitor-search-button"]').click();
  const results = page.locator('[data-testid="monitor-results"] .el-table__body');
  await results.getByText('锦绣花园暖气不热，谁来管管？').first().waitFor();
  const rows = await results.locator('tr').count();
  if (rows < 3) throw new Error(`检索结果只有 ${rows} 条`);
  console.log(`    检索结果 ${rows} 条`);
  await shot(page, artifacts, 'monitor-search.png');

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
  await shot(page, artifacts, 'monitor-event.png');

  if (pageErrors.length) throw new Error(`页面脚本出错：\n${pageErrors.join('\n')}`);
}

async function main() {
  const started = Date.now();
  console.log('e2e monitor: 监测概览、信息检索、事件详情');
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
