// Shared harness of the browser tests (tests/e2e/*.test.mjs): starts the real
// `minyi demo` server on a free loopback port with a temporary data dir,
// launches Debian's chromium through playwright-core, hands the test a page,
// and always stops both — on success, failure, the whole-test budget
// running out, or a signal.
//
// Environment (set by ctest, see tests/CMakeLists.txt):
//   MINYI_BIN        the minyi binary (required)
//   NODE_PATH        web/node_modules, for playwright-core
//   MINYI_ARTIFACTS  directory for screenshots (optional)
//   MINYI_RESOURCES  share/minyi, passed on to the server
//   MINYI_CHROMIUM   browser binary (default /usr/bin/chromium)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

export const PASSWORD = 'minyi2026';  // every demo account's password
const CHROMIUM = process.env.MINYI_CHROMIUM || '/usr/bin/chromium';
// The first load fetches every module file; on a busy 2-core machine that
// alone can take tens of seconds, so it gets its own, longer limit.
const FIRST_LOAD_MS = 120_000;

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export function step(name) { console.log(`  - ${name}`); }

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

// Logs out through the top bar. The click may detach the button while
// Playwright is still confirming it (the layout is torn down on logout), so a
// click that fails is fine as long as the login form appears.
export async function logout(page) {
  const button = page.locator('[data-testid="logout"]');
  if (!(await button.count())) return;
  await button.click({ timeout: 5000 }).catch(() => {});
  await page.getByText('用户登录').waitFor();
}

// Logs in through the login form (logging out first when someone is logged in).
export async function login(page, name, password = PASSWORD) {
  await logout(page);
  await page.getByText('用户登录').waitFor();
  await page.getByPlaceholder('请输入用户名').fill(name);
  await page.getByPlaceholder('请输入密码').fill(password);
  await page.locator('.login-submit').click();
  await page.locator('[data-testid="user-name"]').waitFor();
}

class Harness {
  constructor(options) {
    this.options = options;
    this.server = null;
    this.serverLog = '';
    this.browser = null;
    this.dataDir = null;
    this.artifacts = process.env.MINYI_ARTIFACTS || '';
    this.pageErrors = [];
    this.requestFailures = [];
  }

  killServer() {
    const s = this.server;
    if (s && s.exitCode === null && s.signalCode === null) {
      try { s.kill('SIGKILL'); } catch { /* already gone */ }
    }
  }

  async waitHealthy(ms) {
    const deadline = Date.now() + ms;
    let last = '';
    while (Date.now() < deadline) {
      if (this.server.exitCode !== null || this.server.signalCode !== null) {
        throw new Error(`minyi demo 提前退出（退出码 ${this.server.exitCode}，信号 ${this.server.signalCode}）`);
      }
      try {
        const r = await fetch(this.base + '/healthz', { signal: AbortSignal.timeout(2000) });
        if (r.ok) return;
        last = `HTTP ${r.status}`;
      } catch (e) { last = e.message; }
      await sleep(200);
    }
    throw new Error(`等待 /healthz 超时（${ms} ms）：${last}`);
  }

  async start() {
    const bin = process.env.MINYI_BIN;
    if (!bin || !fs.existsSync(bin)) throw new Error(`MINYI_BIN 未设置或不存在：${bin}`);
    if (!fs.existsSync(CHROMIUM)) throw new Error(`找不到浏览器 ${CHROMIUM}（apt-get install chromium）`);
    const { chromium } = loadPlaywright();
    if (this.artifacts) fs.mkdirSync(this.artifacts, { recursive: true });

    this.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `minyi-e2e-${this.options.name}-`));
    const port = await freePort();
    this.base = `http://127.0.0.1:${port}`;
    step(`启动 minyi demo（${this.base}，数据目录 ${this.dataDir}）`);
    this.server = spawn(bin, ['demo', '--data', path.join(this.dataDir, 'data'), '--listen', `127.0.0.1:${port}`], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env },
    });
    const keep = (d) => { this.serverLog = (this.serverLog + d.toString()).slice(-8000); };
    this.server.stdout.on('data', keep);
    this.server.stderr.on('data', keep);
    await this.waitHealthy(30_000);

    step('启动 chromium');
    this.browser = await chromium.launch({
      executablePath: CHROMIUM,
      // launch() always gives the browser a fresh temporary profile (user-data-dir).
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      timeout: 30_000,
    });
    const context = await this.browser.newContext({ viewport: this.options.viewport, locale: 'zh-CN' });
    const page = await context.newPage();
    page.setDefaultTimeout(this.options.stepTimeoutMs);
    page.setDefaultNavigationTimeout(this.options.stepTimeoutMs);
    page.on('pageerror', (e) => this.pageErrors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') console.log(`    [浏览器] ${m.text()}`); });
    page.on('requestfailed', (r) => this.requestFailures.push(`${r.url()}: ${r.failure()?.errorText}`));
    this.page = page;
  }

  // Opens the UI and waits for the login form.
  async openLoginPage() {
    await this.page.goto(this.base + '/', { waitUntil: 'domcontentloaded', timeout: FIRST_LOAD_MS });
    await this.page.getByText('用户登录').waitFor({ timeout: FIRST_LOAD_MS });
  }

  async shot(name) {
    if (!this.artifacts) return;
    const file = path.join(this.artifacts, name);
    // Let loading masks and Element Plus transitions finish so the picture is the settled page.
    await this.page.locator('.el-loading-mask').first().waitFor({ state: 'hidden' }).catch(() => {});
    await this.page.waitForTimeout(400);
    await this.page.screenshot({ path: file, fullPage: false });
    console.log(`    截图 ${file}`);
  }

  // Script errors on the page fail every test; aborted requests (navigation) don't.
  checkPageHealthy({ requests = false } = {}) {
    if (this.pageErrors.length) throw new Error(`页面脚本出错：\n${this.pageErrors.join('\n')}`);
    const relevant = this.requestFailures.filter((f) => !f.includes('net::ERR_ABORTED'));
    if (requests && relevant.length) throw new Error(`请求失败：\n${relevant.join('\n')}`);
  }

  async stop() {
    if (this.browser) await this.browser.close().catch(() => {});
    const s = this.server;
    if (s && s.exitCode === null) {
      s.kill('SIGTERM');
      const exited = await Promise.race([new Promise((r) => s.once('exit', () => r(true))), sleep(3000).then(() => false)]);
      if (!exited) this.killServer();
    }
  }
}

// Runs body(h) with a started harness and exits the process with 0 (passed)
// or 1 (failed; the server's last output is printed), or 3 when the whole
// test exceeds budgetMs.
export async function runBrowserTest(options, body) {
  const opts = { budgetMs: 110_000, stepTimeoutMs: 15_000, viewport: { width: 1366, height: 768 }, ...options };
  const h = new Harness(opts);
  process.on('exit', () => {
    h.killServer();
    if (h.dataDir) fs.rmSync(h.dataDir, { recursive: true, force: true });
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => { console.error(`收到 ${sig}，结束测试`); h.killServer(); process.exit(2); });
  }
  const started = Date.now();
  console.log(`e2e ${opts.name}: ${opts.title}`);
  const watchdog = setTimeout(() => {
    console.error(`超时：整个测试超过 ${opts.budgetMs / 1000} 秒`);
    h.killServer();
    process.exit(3);
  }, opts.budgetMs);
  let failed = null;
  try {
    await h.start();
    await body(h);
  } catch (e) {
    failed = e;
  } finally {
    await h.stop();
    clearTimeout(watchdog);
  }
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (failed) {
    console.error(`失败：${failed.message}`);
    if (h.serverLog) console.error(`--- 服务器输出（末尾）---\n${h.serverLog}\n---`);
    console.log(`0 passed, 1 failed (${secs} s)`);
    process.exit(1);
  }
  console.log(`1 passed, 0 failed (${secs} s)`);
  process.exit(0);
}
