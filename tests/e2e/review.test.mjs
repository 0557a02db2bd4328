// Browser test of the 审校 desk: the real `minyi demo` server on a loopback
// port, driven with Debian's chromium through playwright-core.
//
// Covers: the editor submits a draft with a planted ID number through
// 新建稿件 and sees it highlighted as personal data; then editor (初审),
// reviewer (复审) and leader (终审) log in in turn and approve, and the
// draft ends 已通过待发布. Then the editor submits a second draft and
// withdraws it (撤回) while it is in review.
//
// Server, browser and environment: see harness.mjs.
import { login, runBrowserTest, step } from './harness.mjs';

const ID_NUMBER = '11010519491231002X';  // valid check digit, invented

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

// 新建稿件 through the menu; returns the new draft's id.
async function submitDraft(page, title, text) {
  await page.locator('.side-menu').getByText('新建稿件', { exact: true }).click();
  await page.locator('[data-testid="new-channel"]').click();
  await page.locator('.el-select-dropdown__item').filter({ hasText: '清河县人民政府网站' }).first().click();
  await page.locator('input[data-testid="new-title"], [data-testid="new-title"] input').fill(title);
  await page.locator('textarea[data-testid="new-text"], [data-testid="new-text"] textarea').fill(text);
  await page.locator('[data-testid="new-submit"]').click();
  await page.locator('[data-testid="draft-text"]').waitFor();
  const url = page.url();
  const id = Number(new URL(url.replace('#/', '')).searchParams.get('id'));
  if (!id) throw new Error(`提交后未进入稿件详情页：${url}`);
  return id;
}

runBrowserTest({ name: 'review', title: '提交稿件、问题高亮、初审→复审→终审', budgetMs: 240_000, stepTimeoutMs: 30_000 },
  async (h) => {
    const { page, base } = h;
  step('以 editor 登录，新建稿件');
  await h.openLoginPage();
  await login(page, 'editor');
  await page.locator('.side-menu').getByText('审校', { exact: true }).click();
  const id = await submitDraft(page, '关于冬季防火的提示',
    `请广大群众做好冬季防火工作。\n联系人：王某某，身份证号${ID_NUMBER}，请勿外传。`);

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
  await h.shot('review-draft.png');

  step('editor 初审通过');
  await page.locator('[data-testid="decision-approve"]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="draft-status"]')?.textContent.includes('复审'));

  await approveAs(page, base, id, 'reviewer', '终审');
  await approveAs(page, base, id, 'leader', '已通过');
  const final = await statusText(page);
  if (!final.includes('已通过')) throw new Error(`终审后状态应为已通过，实际为“${final}”`);
  const rows = await page.locator('.el-timeline-item').count();
  if (rows !== 3) throw new Error(`审核记录应有 3 条，实际为 ${rows}`);
  await h.shot('review-approved.png');

  step('editor 提交第二篇稿件并撤回');
  await login(page, 'editor');
  await page.locator('.side-menu').getByText('审校', { exact: true }).click();
  const second = await submitDraft(page, '关于停水的通知', '因管道检修，城关镇部分区域明日停水。');
  await page.locator('[data-testid="draft-withdraw"]').click();
  await page.locator('.el-message-box input').fill('停水时间待定');
  await page.locator('.el-message-box__btns .el-button--primary').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="draft-status"]')?.textContent.includes('已撤回'));
  await page.locator('.el-timeline-item').filter({ hasText: '撤回' }).filter({ hasText: '停水时间待定' }).waitFor();
  if (await page.locator('[data-testid="draft-withdraw"]').count()) throw new Error('撤回后不应再显示撤回按钮');
  console.log(`    稿件 ${second}：${await statusText(page)}`);
  await h.shot('review-withdrawn.png');

    h.checkPageHealthy();
  });
