// 发送记录: every message per channel, its attempts and last error. Admins
// may send a failed one again.
import { get, post, can, formatTime } from '../../api.js';
import { STATUS, kindLabel } from './common.js';

export default {
  name: 'NotifyDeliveriesPage',
  setup() {
    const { ref, reactive, onMounted } = Vue;
    const rows = ref([]);
    const total = ref(0);
    const loading = ref(false);
    const editable = can('notify.edit');
    const filter = reactive({ status: '', page: 1, size: 50 });

    async function load() {
      loading.value = true;
      const params = new URLSearchParams({ limit: filter.size, offset: (filter.page - 1) * filter.size });
      if (filter.status) params.set('status', filter.status);
      try {
        const r = await get('/notify/deliveries?' + params.toString());
        rows.value = r.items || [];
        total.value = r.total || 0;
      } catch { /* shown */ } finally { loading.value = false; }
    }
    async function retry(row) {
      try {
        await post(`/notify/deliveries/${row.id}/retry`, {});
        ElementPlus.ElMessage.success('已重新排队发送');
        await load();
      } catch { /* shown */ }
    }
    function search() { filter.page = 1; load(); }
    onMounted(load);
    return { rows, total, loading, editable, filter, STATUS, kindLabel, load, retry, search, formatTime };
  },
  template: `
  <el-card shadow="never" class="panel">
    <template #header>
      <div class="panel-header"><span class="panel-title">发送记录</span>
        <el-button :icon="'Refresh'" @click="load">刷新</el-button></div>
    </template>
    <div class="filters">
      <el-select v-model="filter.status" placeholder="全部状态" clearable style="width: 160px" @change="search">
        <el-option v-for="(s, k) in STATUS" :key="k" :value="k" :label="s.label" />
      </el-select>
      <span class="filter-count">共 {{ total }} 条</span>
    </div>
    <el-table :data="rows" v-loading="loading" border stripe empty-text="暂无发送记录" data-testid="notify-deliveries">
      <el-table-column label="时间" width="160"><template #default="{ row }">{{ formatTime(row.created_at) }}</template></el-table-column>
      <el-table-column prop="kind_label" label="类型" width="100" />
      <el-table-column prop="title" label="标题" min-width="220" show-overflow-tooltip />
      <el-table-column label="渠道" min-width="160"><template #default="{ row }">{{ row.channel_name }}<span class="muted">（{{ kindLabel(row.channel_kind) }}）</span></template></el-table-column>
      <el-table-column label="状态" width="100" align="center">
        <template #default="{ row }"><el-tag :type="(STATUS[row.status] || {}).type" size="small">{{ (STATUS[row.status] || {}).label || row.status }}</el-tag></template>
      </el-table-column>
      <el-table-column prop="attempts" label="尝试次数" width="90" align="center" />
      <el-table-column label="最近错误 / 下次重试" min-width="220" show-overflow-tooltip>
        <template #default="{ row }">{{ row.last_error }}<span v-if="row.next_attempt_at" class="muted"> · 下次 {{ formatTime(row.next_attempt_at) }}</span></template>
      </el-table-column>
      <el-table-column label="送达时间" width="160"><template #default="{ row }">{{ row.sent_at ? formatTime(row.sent_at) : '' }}</template></el-table-column>
      <el-table-column v-if="editable" label="操作" width="100" align="center" fixed="right">
        <template #default="{ row }"><el-button v-if="row.status === 'failed'" link type="primary" @click="retry(row)">重新发送</el-button></template>
      </el-table-column>
    </el-table>
    <el-pagination v-if="total > filter.size" style="margin-top: 12px" layout="prev, pager, next" :total="total"
      :page-size="filter.size" v-model:current-page="filter.page" @current-change="load" />
  </el-card>`,
};
