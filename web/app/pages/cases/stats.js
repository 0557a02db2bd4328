// 统计分析: KPIs per department for a month/quarter/year, two charts and the
// .xlsx export. Definitions are those of src/cases/stats.h.
import { get } from '../../api.js';
import { useChart } from '../monitor/common.js';

export default {
  name: 'CaseStatsPage',
  setup() {
    const { ref, onMounted, nextTick } = Vue;
    const now = new Date();
    const period = ref(`${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`);
    const data = ref(null);
    const loading = ref(false);
    const rateEl = ref(null);
    const timeEl = ref(null);
    const drawRates = useChart(rateEl);
    const drawTimes = useChart(timeEl);
    const pct = (v, d) => (d ? `${(v * 100).toFixed(1)}%` : '—');

    async function load() {
      loading.value = true;
      try {
        data.value = await get(`/case-stats?period=${encodeURIComponent(period.value)}`);
        await nextTick();
        const d = data.value.departments;
        const names = d.map((k) => k.unit_name);
        drawRates({
          title: { text: '办结率、按时办结率与满意率', left: 'center', textStyle: { fontSize: 14 } },
          tooltip: { trigger: 'axis', valueFormatter: (v) => `${v}%` },
          legend: { bottom: 0 },
          xAxis: { type: 'category', data: names },
          yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
          series: [
            { name: '办结率', type: 'bar', data: d.map((k) => +(k.closure_rate * 100).toFixed(1)) },
            { name: '按时办结率', type: 'bar', data: d.map((k) => +(k.on_time_rate * 100).toFixed(1)) },
            { name: '满意率', type: 'bar', data: d.map((k) => +(k.satisfied_rate * 100).toFixed(1)) },
          ],
        });
        drawTimes({
          title: { text: '平均用时（工作小时）', left: 'center', textStyle: { fontSize: 14 } },
          tooltip: { trigger: 'axis' },
          legend: { bottom: 0 },
          xAxis: { type: 'category', data: names },
          yAxis: { type: 'value' },
          series: [
            { name: '签收', type: 'bar', data: d.map((k) => +k.avg_sign_hours.toFixed(1)) },
            { name: '首次答复', type: 'bar', data: d.map((k) => +k.avg_reply_hours.toFixed(1)) },
            { name: '办结', type: 'bar', data: d.map((k) => +k.avg_close_hours.toFixed(1)) },
          ],
        });
      } catch { /* shown */ } finally { loading.value = false; }
    }
    const exportXlsx = () => { window.location.href = `/api/v1/case-stats/export?period=${encodeURIComponent(period.value)}`; };
    onMounted(load);
    return { period, data, loading, load, exportXlsx, pct, rateEl, timeEl };
  },
  template: `
  <div class="page" v-loading="loading">
    <div class="page-head">
      <h2>处置统计分析</h2>
      <div style="flex:1"></div>
      <el-input v-model="period" style="width:200px" placeholder="2026-11 / 2026-Q4 / 2026" @change="load" data-testid="stats-period" />
      <el-button style="margin-left:8px" @click="load">查询</el-button>
      <el-button type="primary" style="margin-left:8px" data-testid="stats-export" @click="exportXlsx">导出 Excel</el-button>
    </div>
    <div v-if="data" class="muted" style="margin-bottom:8px">{{ data.period.label }}；办结率 = 期内受理且已办结 / 期内受理；按时办结率 = 期内按期办结 / 期内办结；用时为工作小时（扣除暂停计时）。</div>
    <el-table v-if="data" :data="[...data.departments, data.total]" data-testid="stats-table" border>
      <el-table-column prop="unit_name" label="承办部门" width="120" />
      <el-table-column prop="received" label="受理" width="70" />
      <el-table-column prop="closed_of_received" label="其中办结" width="90" />
      <el-table-column label="办结率" width="90"><template #default="{row}">{{ pct(row.closure_rate, row.received) }}</template></el-table-column>
      <el-table-column prop="closed_in_period" label="期内办结" width="90" />
      <el-table-column label="按时办结率" width="100"><template #default="{row}">{{ pct(row.on_time_rate, row.closed_in_period) }}</template></el-table-column>
      <el-table-column label="平均签收(h)" width="100"><template #default="{row}">{{ row.avg_sign_hours.toFixed(1) }}</template></el-table-column>
      <el-table-column label="平均答复(h)" width="100"><template #default="{row}">{{ row.avg_reply_hours.toFixed(1) }}</template></el-table-column>
      <el-table-column label="平均办结(h)" width="100"><template #default="{row}">{{ row.avg_close_hours.toFixed(1) }}</template></el-table-column>
      <el-table-column label="满意度" width="80"><template #default="{row}">{{ row.evaluated ? row.satisfaction_avg.toFixed(2) : '—' }}</template></el-table-column>
      <el-table-column label="满意率" width="80"><template #default="{row}">{{ pct(row.satisfied_rate, row.evaluated) }}</template></el-table-column>
      <el-table-column label="当前逾期" width="90"><template #default="{row}"><span :style="{color: row.overdue_open ? '#d9363e' : ''}">{{ row.overdue_open }}</span></template></el-table-column>
    </el-table>
    <el-row :gutter="12" style="margin-top:16px">
      <el-col :span="12"><div ref="rateEl" style="height:300px" data-testid="stats-chart-rates"></div></el-col>
      <el-col :span="12"><div ref="timeEl" style="height:300px" data-testid="stats-chart-times"></div></el-col>
    </el-row>
  </div>`,
};
