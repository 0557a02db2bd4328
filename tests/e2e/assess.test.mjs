// Browser test of 研判报送: staff open an opinion-risk assessment, see its
// evidence and score it, a leader confirms the level; staff draft a
// briefing from a monitor event, a leader approves it and downloads the
// Word file.
//
// Server, browser and environment: see harness.mjs.
import { readFileSync } from 'node:fs';
import { PASSWORD, login, runBrowserTest, step } from './harness.mjs';

runBrowserTest({ name: 'assess', title: '风险评估评分确认，信息报送审批下载', budgetMs: 300_000,
  viewport: { width: 1366, height: 900 } }, async (h) => {
  const { page, base } = h;
  step('编辑登录，新建风险评估并预览证据');
  await h.openLoginPage();
  await login(page, 'editor', PASSWORD);
  await page.goto(base + '/#/assess/list');
  await page.getByText('调整城区集中供暖收费标准').waitFor();  // demo assessment
  await page.getByRole('button', { name: '新建评估' }).click();
  const dialog = page.locator('.el-dialog', { hasText: '新建风险评估' });
  await dialog.getByPlaceholder('如：调整城区供暖收费标准').fill('城东新区供暖价格调整');
  await dialog.getByPlaceholder('事件词，多个用顿号或空格分隔，如：供暖、暖气').fill('供暖、暖气');
  await dialog.getByRole('button', { name: '预览相关信息' }).click();
  await dialog.locator('.assess-preview').getByText('命中').waitFor();
  await dialog.getByRole('button', { name: '创建' }).click();

  step('查看证据并评分');
  await page.getByText('舆情证据').waitFor();
  await page.locator('.evidence-summary').getByText('命中').waitFor();
  const inputs = page.locator('.score-table .el-input-number input');
  const n = await inputs.count();
  if (n < 4) throw new Error(`评分项应至少 4 项，实际 ${n}`);
  for (let i = 0; i < n; i += 1) {
    await inputs.nth(i).fill('75');
    await inputs.nth(i).press('Tab');
  }
  await page.getByRole('button', { name: '保存评分' }).click();
  await page.getByText('评分已保存').waitFor();
  await page.locator('.proposal').getByText('（加权得分 75）').waitFor();
  const url = page.url();
  await h.shot('assess-scored.png');

  step('领导确认风险等级');
  await login(page, 'leader', PASSWORD);
  await page.goto(url);
  await page.getByRole('button', { name: '确认风险等级' }).click();
  await page.getByText('风险等级已确认').waitFor();
  await page.getByText('已确认').first().waitFor();
  await h.shot('assess-confirmed.png');

  step('编辑根据事件起草信息报送并提交');
  await login(page, 'editor', PASSWORD);
  await page.goto(base + '/#/assess/briefings');
  await page.getByRole('button', { name: '根据事件起草' }).click();
  await page.locator('.event-select').click();
  await page.locator('.event-select-popper .el-select-dropdown__item').first().click();
  await page.getByRole('button', { name: '起草', exact: true }).click();
  await page.getByRole('button', { name: '提交领导审批' }).waitFor();
  await page.getByRole('button', { name: '提交领导审批' }).click();
  await page.getByText('已提交审批').waitFor();
  const briefingUrl = page.url();

  step('领导审批通过并下载文稿');
  await login(page, 'leader', PASSWORD);
  await page.goto(briefingUrl);
  await page.getByRole('button', { name: '审批通过' }).click();
  await page.getByText('已审批通过').waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '下载文稿（Word）' }).click(),
  ]);
  const bytes = readFileSync(await download.path());
  if (bytes.subarray(0, 2).toString() !== 'PK') throw new Error('下载的文稿不是 Word 文件');
  console.log(`    文稿 ${download.suggestedFilename()}，${bytes.length} 字节`);
  await h.shot('assess-briefing.png');
  h.checkPageHealthy();
});
