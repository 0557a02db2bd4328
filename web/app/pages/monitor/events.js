// 事件: events ranked by heat (or newest / largest).
import { get, formatTime } from '../../api.js';
import { navigate } from '../../router.js';

export default {
  name: 'MonitorEvents',
  setup() {
    const { ref, reactive, onMounted } = Vue;
    const filter = reactive({ q: '', sort: 'heat' });
    const page = reactive({ events: [], total: 0, offset: 0, limit: 20 });
    const loading = ref(false);
    async function load(reset = true) {
      if (reset) page.offset = 0;
      loading.value = true;
      try {
        const p = new URLSearchParams({ sort: filter.sort, limit: page.limit, offset: page.offset });
        if (filter.q.trim()) p.set('q', filter.q.trim());
        const r = await get('/monitor/events?' + p.toString());
        Object.assign(page, { events: r.events || [], total: r.total });
      } catch { /* shown */ } finally { loading.value = false; }
    }
    onMounted(load);
    const changePage = (n) => { page.offset = (n - 1) * page.limit; load(false); };
    const negShare = (e) => e.item_count ? Math.round(100 * e.sentiment.negative / e.item_count) : 0;
    return { filter, page, loading, load, changePage, negShare, formatTime, navigate };
  },
  template: `
  <el-card shadow="never" class="panel">
    <template #header><div class="panel-header"><span class="panel-title">事件</span>
      <span class="panel-note">热度 = 信息量、转载、来源数，负面越多越高，一天无新信息减半</span></div></template>
    <div style="display:flex; gap:8px; margin-bottom:12px">
      <el-input v-model="filter.q" placeholder="按事件标题查找" clearable style="width:260px" @keyup.enter="load()" />
      <el-radio-group v-model="filter.sort" @change="load()">
        <el-radio-button label="heat">按热度</el-radio-button>
        <el-radio-button label="recent">按最新</el-radio-button>
        <el-radio-button label="size">按规模</el-radio-button>
      </el-radio-group>
    </div>
    <el-table :data="page.events" v-loading="loading" border stripe empty-text="暂无事件" data-testid="monitor-events">
      <el-table-column label="事件" min-width="260">
        <template #default="{ row }"><el-link type="primary" @click="navigate('/monitor/event?id=' + row.id)">{{ row.title }}</el-link>
          <div class="panel-note">{{ row.keywords }}</div></template>
      </el-table-column>
      <el-table-column label="首发" width="200"><template #default="{ row }">{{ row.first_outlet }}<div class="panel-note">{{ formatTime(row.first_seen) }}</div></template></el-table-column>
      <el-table-column label="最新" width="160"><template #default="{ row }">{{ formatTime(row.last_seen) }}</template></el-table-column>
      <el-table-column prop="item_count" label="信息" width="70" align="center" />
      <el-table-column prop="outlet_count" label="来源" width="70" align="center" />
      <el-table-column label="负面占比" width="90" align="center"><template #default="{ row }">{{ negShare(row) }}%</template></el-table-column>
      <el-table-column prop="heat" label="热度" width="80" align="center" />
    </el-table>
    <el-pagination v-if="page.total > page.limit" style="margin-top:12px" layout="prev, pager, next"
                   :total="page.total" :page-size="page.limit" :current-page="page.offset / page.limit + 1" @current-change="changePage" />
  </el-card>`,
};
