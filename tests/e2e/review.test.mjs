// Browser test of the 审校 desk: the real `minyi demo` server on a loopback
// port, driven with Debian's chromium through playwright-core.
//
// Covers: the editor submits a draft with a planted ID number through
// 新建稿件 and sees it highlighted as personal data; then editor (初审),
// reviewer (复审) and leader (终审) log in in turn and approve, and the
// draft ends 已通过待发布. The harness follows login.test.mjs.
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

const TEST_BUDGET_MS = 240_000;  // whole test, under ctest's 300 s limit
const STEP_TIMEOUT_MS = 30_000;  // any single browser wait (generous: a loaded 2-core machine)
const CHROMIUM = process.env.MINYI_CHROMIUM || '/usr/bin/chromium';
const PASSWORD = 'minyi2026';
const ID_NUMBER = '11010519491231002X';  // valid check digit, invented

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

async function login(page, name) {
  const logout = page.locator('[data-testid="logout"]');
  if (await logout.count()) {
    await logout.click();
    await page.getByText('用户登录').waitFor();
  }
  await page.getByPlaceholder('请输入用户名').fill(name);
  await page.getByPlaceholder('请输入密码').fill(PASSWORD);
  await page.locator('.login-submit').click();
  await page.locator('[data-testid="user-name"]').waitFor();
}

async function openDraft(page, base, id) {
  await page.goto(`${base}/#/review/draft?id=${id}`, { waitUntil: 'domcontentloaded' });
  await page.locator('[data-testid="draft-status"]').waitFor();
}

async function statusText(page) {
  return (await page.locator('[data-testid="draft-status"]').innerText()).trim();
}

async function approveAs(page, base, id, name, expected) {
  step(`以 ${name} 登录并审核通过`);
  await login(page, name);
  await openDraft(page, base, id);
  await page.locator('[data-testid="decision-panel"]').waitFor();
  await page.locator('[data-testid="decision-approve"]').click();
  await page.waitForFunction((want) => {
    const el = document.querySelector('[data-testid="draft-status"]');
    return el && el.textContent.includes(want);
  }, expected);
  console.log(`    状态：${await statusText(page)}`);
}

async function run() {
  const bin = process.env.MINYI_BIN;
  if (!bin || !fs.existsSync(bin)) throw new Error(`MINYI_BIN 未设置或不存在：${bin}`);
  if (!fs.existsSync(CHROMIUM)) throw new Error(`找不到浏览器 ${CHROMIUM}（apt-get install chromium）`);
  const { chromium } = loadPlaywright();
  const artifacts = process.env.MINYI_ARTIFACTS || '';
  if (artifacts) fs.mkdirSync(artifacts, { recursive: true });

  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'minyi-e2e-review-'));
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

  step('以 editor 登录，新建稿件');
  // The first load fetches every module file; on a busy 2-core machine that
  // alone can take tens of seconds, so it gets its own, longer limit.
  await page.goto(base + '/', { waitUntil: 'domcontentloaded', timeout: 120_000 });
  await page.getByText('用户登录').waitFor({ timeout: 60_000 });
  await login(page, 'editor');
  await page.locator('.side-menu').getByText('审校', { exact: true }).click();
  await page.locator('.side-menu').getByText('新建稿件', { exact: true }).click();
  await page.locator('[data-testid="new-channel"]').click();
  await page.locator('.el-select-dropdown__item').filter({ hasText: '清河县人民政府网站' }).first().click();
  await page.locator('input[data-testid="new-title"], [data-testid="new-title"] input').fill('关于冬季防火的提示');
  await page.locator('textarea[data-testid="new-text"], [data-testid="new-text"] textarea').fill(
    `请广大群众做好冬季防火工作。\n联系人：王某某，身份证号${ID_NUMBER}，请勿外传。`);
  await page.locator('[data-testid="new-submit"]').click();
  await page.locator('[data-testid="draft-text"]').waitFor();
  const url = page.url();
  const id = Number(new URL(url.replace('#/', '')).searchParams.get('id'));
  if (!id) throw new Error(`提交后未进入稿件详情页：${url}`);

  step('身份证号应以“个人信息”高亮');
  const hl = page.locator('[data-testid="draft-text"] .rv-hl.rv-cat-pii');
  await hl.first().waitFor();
  const flagged = (await hl.first().innerText()).trim();
  if (flagged !== ID_NUMBER) throw new Error(`高亮的内容为“${flagged}”，应为身份证号 ${ID_NUMBER}`);
  const title = await hl.first().getAttribute('title');
  if (!title || !title.includes('个人信息')) throw new Error(`悬停提示缺少类别：${title}`);
  await hl.first().click();
  await page.locator('.rv-finding.rv-active').filter({ hasText: ID_NUMBER }).waitFor();
  console.log(`    高亮：${flagged}（${title.split('\n')[0]}）`);
  const st = await statusText(page);
  if (!st.includes('初审')) throw new Error(`新稿件状态应为初审中，实际为“${st}”`);
  await shot(page, artifacts, 'review-draft.png');

  step('editor 初审通过');
  await page.locator('[data-testid="decision-approve"]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="draft-status"]')?.textContent.includes('复审'));

  await approveAs(page, base, id, 'reviewer', '终审');
  await approveAs(page, base, id, 'leader', '已通过');
  const final = await statusText(page);
  if (!final.includes('已通过')) throw new Error(`终审后状态应为已通过，实际为“${final}”`);
  const rows = await page.locator('.el-timeline-item').count();
  if (rows !== 3) throw new Error(`审核记录应有 3 条，实际为 ${rows}`);
  await shot(page, artifacts, 'review-approved.png');

  if (pageErrors.length) throw new Error(`页面脚本出错：\n${pageErrors.join('\n')}`);
}

async function main() {
  const started = Date.now();
  console.log('e2e review: 提交稿件、问题高亮、初审→复审→终审');
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
