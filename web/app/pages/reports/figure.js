// 数据项记录 (#/reports/figure?id=3&key=cases.closed): exactly the records a
// figure of a report counts, as kept when the report was drafted, each with a
// link to its own page.
import { get, formatTime } from '../../api.js';
import { navigate, routeQuery } from '../../router.js';

export default {
  name: 'ReportFigurePage',
  setup() {
    const { ref, onMounted } = Vue;
    const q = routeQuery();
    const id = Number(q.id || 0);
    const data = ref(null);
    const loading = ref(false);
    onMounted(async () => {
      loading.value = true;
      try {
        data.value = await get(`/reports/${id}/figures?key=${encodeURIComponent(q.key || '')}`);
      } catch { /* shown */ } finally { loading.value = false; }
    });
    const back = () => navigate('/reports/edit?id=' + id);
    return { data, loading, back, formatTime };
  },
  template: `
  <el-card shadow="never" class="panel" v-loading="loading">
    <template #header>
      <div class="panel-header">
        <span class="panel-title" data-testid="figure-title">{{ data ? data.figure.label + '：' + data.figure.value + ' ' + (data.figure.unit === '%' ? '%' : data.figure.unit) : '数据项记录' }}</span>
        <el-button @click="back">返回报告</el-button>
      </div>
    </template>
    <template v-if="data">
      <p class="muted">《{{ data.report.title }}》中本数据项统计的 {{ data.figure.counted }} 条记录（起草时保存）。
        <a v-if="data.figure.link" :href="data.figure.link">在原模块中查看</a></p>
      <el-table :data="data.records" border stripe size="small" empty-text="本数据项没有统计到记录" data-testid="figure-records">
        <el-table-column prop="id" label="编号" width="90" />
        <el-table-column label="名称" min-width="280"><template #default="{ row }"><a :href="row.link">{{ row.title }}</a></template></el-table-column>
        <el-table-column label="日期" width="170"><template #default="{ row }">{{ row.at ? formatTime(row.at) : '—' }}</template></el-table-column>
      </el-table>
    </template>
  </el-card>`,
};
