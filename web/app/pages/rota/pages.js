// 待确认提醒: pages (值班提醒) waiting for me — alerts and case urges routed
// to the person on duty, escalated to the leader on call when not
// acknowledged in time — and the full list with acknowledgement times.
import { get, post, formatTime } from '../../api.js';
import { routeQuery } from '../../router.js';
import { PAGE_STATUS, duration } from '../../modules/rota.js';

export default {
  name: 'RotaPagesPage',
  setup() {
    const { ref, reactive, onMounted } = Vue;
    const q = routeQuery();
    const scope = ref(q.scope === 'all' || q.from ? 'all' : 'mine');
    const filter = reactive({ status: q.status || '' });
    const items = ref([]);
    const total = ref(0);
    const timeout = ref(15);
    const loading = ref(false);
    const highlight = Number(q.id || 0);

    async function load() {
      loading.value = true;
      try {
        const p = new URLSearchParams({ scope: scope.value, limit: '100' });
        if (filter.status) p.set('status', filter.status);
        const r = await get('/rota/pages?' + p.toString());
        items.value = r.items;
        total.value = r.total;
        timeout.value = r.ack_timeout_minutes;
      } catch { /* shown */ } finally { loading.value = false; }
    }
    async function ack(row) {
      let note = '';
      try {
        const r = await ElementPlus.ElMessageBox.prompt('可填写处理说明（选填），如“已电话报告领导”', '确认收到值班提醒',
          { confirmButtonText: '确认收到', cancelButtonText: '取消', inputValue: '' });
        note = r.value || '';
      } catch { return; }
      try {
        await post(`/rota/pages/${row.id}/ack`, { note });
        ElementPlus.ElMessage.success('已确认');
        load();
      } catch { /* shown */ }
    }
    const rowStyle = ({ row }) => (row.id === highlight ? { background: '#fdf6ec' } : {});
    onMounted(load);
    return { scope, filter, items, total, timeout, loading, load, ack, rowStyle, PAGE_STATUS, duration, formatTime };
  },
  template: `
  <el-card shadow="never" class="panel">
    <template #header>
      <div class="panel-header">
        <span class="panel-title">值班提醒</span>
        <span class="hint">监测预警、催办、督办自动推送给当时的值班人员；{{ timeout }} 分钟内未确认的升级至带班领导。</span>
      </div>
    </template>
    <div class="filters">
      <el-radio-group v-model="scope" @change="load">
        <el-radio-button value="mine">待我确认</el-radio-button>
        <el-radio-button value="all">全部提醒</el-radio-button>
      </el-radio-group>
      <el-select v-model="filter.status" placeholder="全部状态" clearable style="width:160px;margin-left:8px" @change="load">
        <el-option v-for="(s, k) in PAGE_STATUS" :key="k" :value="k" :label="s.label" />
      </el-select>
      <span class="hint" style="margin-left:8px">共 {{ total }} 条</span>
    </div>
    <el-table :data="items" v-loading="loading" border :row-style="rowStyle" :empty-text="scope === 'mine' ? '没有待您确认的值班提醒' : '暂无值班提醒'" data-testid="rota-pages">
      <el-table-column label="提醒时间" width="170"><template #default="{ row }">{{ formatTime(row.created_at) }}</template></el-table-column>
      <el-table-column label="内容" min-width="280">
        <template #default="{ row }"><a v-if="row.link" :href="row.link">{{ row.title }}</a><span v-else>{{ row.title }}</span></template>
      </el-table-column>
      <el-table-column prop="user_name" label="值班人" width="100" />
      <el-table-column prop="leader_name" label="带班领导" width="100" />
      <el-table-column label="状态" width="150"><template #default="{ row }"><el-tag :type="PAGE_STATUS[row.status].type" size="small">{{ PAGE_STATUS[row.status].label }}</el-tag></template></el-table-column>
      <el-table-column label="确认" min-width="200">
        <template #default="{ row }">
          <span v-if="row.status === 'acked'">{{ row.acked_by_name }} {{ formatTime(row.acked_at) }}（用时 {{ duration(row.ack_seconds) }}）<br v-if="row.ack_note"><span class="hint">{{ row.ack_note }}</span></span>
          <el-button v-else type="primary" size="small" @click="ack(row)" data-testid="rota-ack">确认收到</el-button>
        </template>
      </el-table-column>
    </el-table>
  </el-card>`,
};
