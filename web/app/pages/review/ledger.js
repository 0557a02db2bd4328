// 发布台账: per channel, what was published in a period, how many problems
// the automated checks found in first versions and how many were fixed
// before publication, and the time spent in each review stage.
import { get } from '../../api.js';
import { navigate } from '../../router.js';
import { duration } from './common.js';

export default {
  name: 'ReviewLedgerPage',
  setup() {
    const { ref, reactive, onMounted } = Vue;
    const now = new Date();
    const p = (n) => String(n).padStart(2, '0');
    const filter = reactive({ range: [`${now.getFullYear()}-01-01`, `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`] });
    const data = ref({ entries: [], channels: [], states: {} });
    const loading = ref(false);
    async function load() {
      loading.value = true;
      const q = new URLSearchParams();
      if (filter.range && filter.range[0]) { q.set('from', filter.range[0]); q.set('to', filter.range[1]); }
      try { data.value = await get('/review/ledger?' + q.toString()); } catch { /* shown */ } finally { loading.value = false; }
    }
    const avg = (row, k) => (row.published ? duration(row.stage_seconds[k] / row.published) : '—');
    const total = (key) => data.value.channels.reduce((s, c) => s + (c[key] || 0), 0);
    onMounted(load);
    return { filter, data, loading, load, avg, total, duration, navigate };
  },
  template: `
  <div v-loading="loading">
    <el-card shadow="never" class="panel">
      <template #header><div class="panel-header"><span class="panel-title">发布台账</span>
        <div class="rv-actions">
          <el-date-picker v-model="filter.range" type="daterange" value-format="YYYY-MM-DD" start-placeholder="起始日期" end-placeholder="截止日期" />
          <el-button type="primary" @click="load">查询</el-button>
        </div></div></template>
      <div class="rv-meta" style="margin-bottom: 10px">当前在审 {{ data.states.in_review || 0 }} 篇，退回修改 {{ data.states.returned || 0 }} 篇，待发布 {{ data.states.approved || 0 }} 篇，不予发布 {{ data.states.rejected || 0 }} 篇。
        本期发布 {{ total('published') }} 篇，自动检查在初稿中发现问题 {{ total('findings_first') }} 处，发布前已改正 {{ total('findings_fixed') }} 处。</div>
      <el-table :data="data.channels" border stripe empty-text="暂无阵地" data-testid="ledger-channels">
        <el-table-column prop="channel_name" label="阵地" min-width="200" />
        <el-table-column prop="kind_label" label="类型" width="100" />
        <el-table-column prop="published" label="发布篇数" width="90" align="center" />
        <el-table-column prop="findings_first" label="初稿问题" width="90" align="center" />
        <el-table-column prop="findings_fixed" label="已改正" width="80" align="center" />
        <el-table-column prop="findings_final" label="发布时仍有" width="100" align="center" />
        <el-table-column prop="returns" label="退回次数" width="90" align="center" />
        <el-table-column label="初审平均用时" width="120"><template #default="{ row }">{{ avg(row, 'first') }}</template></el-table-column>
        <el-table-column label="复审平均用时" width="120"><template #default="{ row }">{{ avg(row, 'second') }}</template></el-table-column>
        <el-table-column label="终审平均用时" width="120"><template #default="{ row }">{{ avg(row, 'final') }}</template></el-table-column>
      </el-table>
    </el-card>
    <el-card shadow="never" class="panel">
      <template #header><div class="panel-header"><span class="panel-title">发布明细</span></div></template>
      <el-table :data="data.entries" border stripe empty-text="本期没有发布记录" size="small">
        <el-table-column prop="published_on" label="发布日期" width="110" />
        <el-table-column prop="channel_name" label="阵地" min-width="160" />
        <el-table-column label="标题" min-width="220"><template #default="{ row }"><el-link type="primary" @click="navigate('/review/draft?id=' + row.draft_id)">{{ row.title }}</el-link></template></el-table-column>
        <el-table-column prop="author_name" label="作者" width="90" />
        <el-table-column prop="version_count" label="版本数" width="70" align="center" />
        <el-table-column label="问题（初稿/改正/剩余）" width="170" align="center"><template #default="{ row }">{{ row.findings_first }} / {{ row.findings_fixed }} / {{ row.findings_final }}</template></el-table-column>
        <el-table-column label="三审用时" width="220"><template #default="{ row }">{{ duration(row.stage_seconds.first) }} / {{ duration(row.stage_seconds.second) }} / {{ duration(row.stage_seconds.final) }}</template></el-table-column>
      </el-table>
    </el-card>
  </div>`,
};
