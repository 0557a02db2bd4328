// 评估详情 (#/assess/detail?id=3): the evidence (rule preview, volume and
// sentiment chart, past cases, similar events), the scoring form, the
// proposed level with its reasons, confirm/override, measures and the DOCX.
import { get, put, post, can, formatTime } from '../../api.js';
import { routeQuery, navigate } from '../../router.js';
import { LEVEL_LABELS, LEVEL_TYPES } from '../../modules/assess.js';
import { useChart, SENTIMENT_COLORS, sentimentLabel } from '../monitor/common.js';

export default {
  name: 'AssessDetailPage',
  setup() {
    const { ref, reactive, onMounted, nextTick } = Vue;
    const id = Number(routeQuery().id || 0);
    const a = ref(null);
    const scores = reactive({});
    const notes = reactive({});
    const confirm = reactive({ level: '', reason: '', note: '' });
    const measure = reactive({ content: '', owner: '', deadline: '' });
    const chartEl = ref(null);
    const draw = useChart(chartEl);
    const render = () => {
      const e = a.value.evidence;
      const series = ['negative', 'neutral', 'positive'].map((k) => ({
        name: sentimentLabel(k), type: 'bar', stack: 'all', itemStyle: { color: SENTIMENT_COLORS[k] },
        data: e.days.map((d) => d[k]),
      }));
      draw({ tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 40, right: 20, top: 30, bottom: 30 },
        xAxis: { type: 'category', data: e.days.map((d) => d.date.slice(5)) }, yAxis: { type: 'value' }, series });
    };
    const load = async () => {
      try {
        a.value = await get('/assess/assessments/' + id);
        for (const it of a.value.items) { scores[it.id] = null; notes[it.id] = ''; }
        for (const s of a.value.scores) { scores[s.item_id] = s.score; notes[s.item_id] = s.note; }
        confirm.level = a.value.proposal.level;
        await nextTick();
        render();
      } catch { /* shown */ }
    };
    const saveScores = async () => {
      const list = a.value.items.filter((it) => scores[it.id] !== null && scores[it.id] !== undefined)
        .map((it) => ({ item_id: it.id, score: scores[it.id], note: notes[it.id] || '' }));
      try {
        const r = await put('/assess/assessments/' + id + '/scores', { scores: list });
        a.value.proposal = r.proposal;
        confirm.level = r.proposal.level;
        ElementPlus.ElMessage.success('评分已保存');
      } catch { /* shown */ }
    };
    const doConfirm = async () => {
      try {
        await post('/assess/assessments/' + id + '/confirm', { ...confirm });
        ElementPlus.ElMessage.success('风险等级已确认');
        await load();
      } catch { /* shown */ }
    };
    const addMeasure = async () => {
      try {
        await post('/assess/assessments/' + id + '/measures', { ...measure });
        Object.assign(measure, { content: '', owner: '', deadline: '' });
        await load();
      } catch { /* shown */ }
    };
    const complete = async (m) => {
      let note = '';
      try {
        note = (await ElementPlus.ElMessageBox.prompt('完成情况说明', '措施完成销号', { confirmButtonText: '销号', cancelButtonText: '取消' })).value || '';
      } catch { return; }
      try { await post('/assess/measures/' + m.id + '/complete', { note }); await load(); } catch { /* shown */ }
    };
    onMounted(load);
    return { a, scores, notes, confirm, measure, chartEl, saveScores, doConfirm, addMeasure, complete, can, formatTime,
      LEVEL_LABELS, LEVEL_TYPES, sentimentLabel, back: () => navigate('/assess/list'),
      docx: () => { window.location.href = '/api/v1/assess/assessments/' + id + '/docx'; },
      draft: () => a.value && a.value.status === 'draft' };
  },
  template: `
  <div v-if="a">
  <el-card shadow="never" class="panel">
    <template #header><div class="panel-header"><span class="panel-title">{{ a.title }}</span>
      <span><el-button @click="docx">下载评估报告（Word）</el-button><el-button @click="back">返回列表</el-button></span></div></template>
    <el-descriptions :column="2" border>
      <el-descriptions-item label="决策内容" :span="2">{{ a.decision }}</el-descriptions-item>
      <el-descriptions-item label="涉及群体">{{ a.affected }}</el-descriptions-item>
      <el-descriptions-item label="实施时间">{{ a.timing }}</el-descriptions-item>
      <el-descriptions-item label="关键词">{{ a.keywords.join('、') }}<span v-if="a.regions.length">（地域：{{ a.regions.join('、') }}）</span></el-descriptions-item>
      <el-descriptions-item label="状态">{{ a.status_label }}<span v-if="a.final_level">：<el-tag :type="LEVEL_TYPES[a.final_level]">{{ LEVEL_LABELS[a.final_level] }}</el-tag>（{{ a.confirmed_by_name }} {{ formatTime(a.confirmed_at) }}）</span></el-descriptions-item>
      <el-descriptions-item v-if="a.override_reason" label="调整理由" :span="2">{{ a.override_reason }}</el-descriptions-item>
    </el-descriptions>
  </el-card>
  <el-card shadow="never" class="panel" style="margin-top:12px">
    <template #header><span class="panel-title">舆情证据</span><span v-if="!draft()" style="margin-left:8px;color:#909399">（确认时固定）</span></template>
    <p class="evidence-summary">规则 {{ a.evidence.rule }}：检索 {{ a.evidence.scanned }} 条，命中 <b>{{ a.evidence.matched }}</b> 条；负面 {{ a.evidence.negative }} 条，中性 {{ a.evidence.neutral }} 条，正面 {{ a.evidence.positive }} 条。</p>
    <div ref="chartEl" style="height:240px"></div>
    <el-tabs>
      <el-tab-pane :label="'相关信息（' + a.evidence.items.length + '）'">
        <el-table :data="a.evidence.items" size="small" empty-text="没有命中的信息">
          <el-table-column label="时间" width="150"><template #default="{ row }">{{ formatTime(row.published_at) }}</template></el-table-column>
          <el-table-column prop="outlet" label="来源" width="120" />
          <el-table-column prop="title" label="标题" />
          <el-table-column label="倾向" width="70"><template #default="{ row }">{{ sentimentLabel(row.sentiment) }}</template></el-table-column>
        </el-table>
      </el-tab-pane>
      <el-tab-pane :label="'同类事件（' + a.evidence.events.length + '）'">
        <el-table :data="a.evidence.events" size="small" empty-text="没有同类事件">
          <el-table-column label="事件"><template #default="{ row }"><a :href="'#/monitor/event?id=' + row.id">{{ row.title }}</a></template></el-table-column>
          <el-table-column prop="items" label="信息数" width="80" />
          <el-table-column prop="outlets" label="来源数" width="80" />
          <el-table-column prop="negative" label="负面" width="70" />
          <el-table-column label="持续" width="200"><template #default="{ row }">{{ formatTime(row.first_seen) }} 起</template></el-table-column>
        </el-table>
      </el-tab-pane>
      <el-tab-pane :label="'既往案件（' + a.evidence.cases.length + '）'">
        <el-table :data="a.evidence.cases" size="small" empty-text="没有同一事项的案件">
          <el-table-column label="编号" width="140"><template #default="{ row }"><a :href="'#/cases/detail?id=' + row.id">{{ row.code }}</a></template></el-table-column>
          <el-table-column prop="title" label="标题" />
          <el-table-column prop="state_label" label="状态" width="90" />
          <el-table-column label="满意度" width="80"><template #default="{ row }">{{ row.satisfaction || '—' }}</template></el-table-column>
        </el-table>
      </el-tab-pane>
    </el-tabs>
  </el-card>
  <el-card shadow="never" class="panel" style="margin-top:12px">
    <template #header><span class="panel-title">评分（0–100，100 表示完全符合、无风险隐患）</span></template>
    <el-table :data="a.items" size="small" class="score-table">
      <el-table-column prop="dimension_label" label="维度" width="80" />
      <el-table-column prop="title" label="评估事项" />
      <el-table-column prop="weight" label="权重" width="60" />
      <el-table-column label="得分" width="150"><template #default="{ row }">
        <el-input-number v-model="scores[row.id]" :min="0" :max="100" size="small" :disabled="!draft() || !can('assess.edit')" /></template></el-table-column>
      <el-table-column label="说明" width="220"><template #default="{ row }"><el-input v-model="notes[row.id]" size="small" :disabled="!draft()" /></template></el-table-column>
    </el-table>
    <div style="margin-top:8px" v-if="draft() && can('assess.edit')"><el-button type="primary" @click="saveScores">保存评分</el-button></div>
    <div class="proposal" style="margin-top:12px">
      <b>系统建议：</b><el-tag :type="LEVEL_TYPES[a.proposal.level]">{{ LEVEL_LABELS[a.proposal.level] }}</el-tag>
      <span v-if="a.proposal.level">（加权得分 {{ a.proposal.weighted }}）</span>
      <ul><li v-for="r in a.proposal.reasons" :key="r">{{ r }}</li></ul>
    </div>
    <el-form v-if="draft() && can('assess.approve')" label-width="96px" class="confirm-form">
      <el-form-item label="确定等级">
        <el-radio-group v-model="confirm.level">
          <el-radio label="low">低风险</el-radio><el-radio label="medium">中风险</el-radio><el-radio label="high">高风险</el-radio>
        </el-radio-group>
      </el-form-item>
      <el-form-item v-if="confirm.level !== a.proposal.level" label="调整理由" required><el-input v-model="confirm.reason" type="textarea" :rows="2" placeholder="与系统建议不同时必须填写" /></el-form-item>
      <el-form-item label="意见"><el-input v-model="confirm.note" /></el-form-item>
      <el-form-item><el-button type="primary" @click="doConfirm">确认风险等级</el-button></el-form-item>
    </el-form>
  </el-card>
  <el-card shadow="never" class="panel" style="margin-top:12px">
    <template #header><span class="panel-title">防范化解措施</span></template>
    <el-table :data="a.measures" size="small" empty-text="尚未登记措施">
      <el-table-column prop="content" label="措施" />
      <el-table-column prop="owner" label="责任人" width="140" />
      <el-table-column prop="deadline" label="完成时限" width="110" />
      <el-table-column label="完成情况" width="200"><template #default="{ row }">
        <span v-if="row.status === 'done'">已完成 {{ formatTime(row.done_at) }} {{ row.done_note }}</span>
        <el-button v-else-if="can('assess.edit')" size="small" @click="complete(row)">完成销号</el-button>
        <span v-else>未完成</span></template></el-table-column>
    </el-table>
    <el-form v-if="can('assess.edit')" :inline="true" style="margin-top:8px">
      <el-form-item label="措施"><el-input v-model="measure.content" style="width:300px" /></el-form-item>
      <el-form-item label="责任人"><el-input v-model="measure.owner" style="width:140px" /></el-form-item>
      <el-form-item label="时限"><el-date-picker v-model="measure.deadline" type="date" value-format="YYYY-MM-DD" style="width:150px" /></el-form-item>
      <el-form-item><el-button @click="addMeasure">添加措施</el-button></el-form-item>
    </el-form>
  </el-card>
  </div>`,
};
