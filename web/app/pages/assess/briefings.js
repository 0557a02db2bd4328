// 信息报送 (#/assess/briefings): briefings sent upward, and drafting a new one
// from a monitor event.
import { get, post, can, formatTime } from '../../api.js';
import { navigate, routeQuery } from '../../router.js';
import { BRIEFING_STATUS_TYPES } from '../../modules/assess.js';

export default {
  name: 'BriefingsPage',
  setup() {
    const { ref, onMounted } = Vue;
    const rows = ref([]);
    const status = ref('');
    const dialog = ref(false);
    const events = ref([]);
    const eventId = ref(null);
    const load = async () => {
      try { rows.value = (await get('/assess/briefings' + (status.value ? '?status=' + status.value : ''))).briefings; } catch { /* shown */ }
    };
    const openNew = async () => {
      dialog.value = true;
      try { events.value = (await get('/monitor/events?sort=recent&limit=50')).events; } catch { /* shown */ }
    };
    const create = async () => {
      if (!eventId.value) { ElementPlus.ElMessage.warning('请选择事件'); return; }
      try {
        const d = (await get('/assess/briefing-draft?event_id=' + eventId.value)).briefing;
        const r = await post('/assess/briefings', d);
        dialog.value = false;
        navigate('/assess/briefing?id=' + r.id);
      } catch { /* shown */ }
    };
    onMounted(async () => {
      const q = routeQuery();
      await load();
      if (q.event_id) { eventId.value = Number(q.event_id); await openNew(); }
    });
    return { rows, status, load, dialog, events, eventId, openNew, create, can, formatTime, BRIEFING_STATUS_TYPES,
      open: (id) => navigate('/assess/briefing?id=' + id) };
  },
  template: `
  <el-card shadow="never" class="panel">
    <template #header><div class="panel-header"><span class="panel-title">舆情信息报送</span>
      <span><el-select v-model="status" placeholder="全部状态" clearable style="width:130px" @change="load">
        <el-option value="draft" label="草稿" /><el-option value="submitted" label="待审批" /><el-option value="returned" label="已退回" />
        <el-option value="approved" label="已审批" /><el-option value="sent" label="已报送" /></el-select>
      <el-button v-if="can('assess.edit')" type="primary" @click="openNew">根据事件起草</el-button></span></div></template>
    <el-table :data="rows" empty-text="暂无报送" @row-click="(r) => open(r.id)" style="cursor:pointer">
      <el-table-column prop="id" label="编号" width="70" />
      <el-table-column prop="kind_label" label="类型" width="90" />
      <el-table-column prop="title" label="标题" min-width="240" />
      <el-table-column label="状态" width="90"><template #default="{ row }"><el-tag :type="BRIEFING_STATUS_TYPES[row.status]">{{ row.status_label }}</el-tag></template></el-table-column>
      <el-table-column label="报送" width="200"><template #default="{ row }">{{ row.sent_to }} {{ formatTime(row.sent_at) }}</template></el-table-column>
      <el-table-column prop="adoption_label" label="采用情况" width="100" />
    </el-table>
    <el-dialog v-model="dialog" title="根据事件起草报送" width="640px">
      <el-select v-model="eventId" filterable placeholder="选择监测事件" style="width:100%" class="event-select" popper-class="event-select-popper">
        <el-option v-for="e in events" :key="e.id" :value="e.id" :label="e.title + '（' + e.item_count + '条）'" />
      </el-select>
      <template #footer><el-button @click="dialog = false">取消</el-button><el-button type="primary" @click="create">起草</el-button></template>
    </el-dialog>
  </el-card>`,
};
