// 会议与学习: meetings, special sessions, study sessions and trainings with
// date, topic, attendees, minutes and evidence files.
import { get, post } from '../../api.js';
import { navigate, routeQuery } from '../../router.js';
import { KIND_LABELS } from '../../modules/duty.js';
import AttachmentList from '../attachments.js';

// "2026-09-30" -> "2026-10-01": the API's `to` is exclusive.
function nextDay(date) {
  const d = new Date(date + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

const RECORD_KINDS = ['meeting', 'special_session', 'study', 'training', 'channel_check', 'self_check', 'other'];

export default {
  name: 'DutyRecordsPage',
  components: { AttachmentList },
  setup() {
    const { ref, reactive, onMounted } = Vue;
    const records = ref([]);
    const loading = ref(false);
    // Report figures link here with ?kind=meeting,special_session&from=…&to=…
    // (inclusive dates), so the list shows the records the figure counts.
    const q0 = routeQuery();
    const kinds0 = (q0.kind || '').split(',').filter(Boolean);
    const filter = reactive({ kind: kinds0.length === 1 ? kinds0[0] : '', kinds: kinds0.length > 1 ? kinds0 : [],
      from: q0.from || '', to: q0.to || '' });
    const dialog = reactive({ open: false, kind: 'meeting', held_at: '', topic: '', location: '', host: '',
      attendees: '', minutes: '', occurrence_id: 0, attachment_ids: [], busy: false });

    async function load() {
      loading.value = true;
      try {
        const p = new URLSearchParams();
        if (filter.kind) p.set('kind', filter.kind);
        if (filter.from) p.set('from', filter.from);
        if (filter.to) p.set('to', nextDay(filter.to));
        const list = (await get('/duty/records?' + p.toString())).records || [];
        records.value = !filter.kind && filter.kinds.length ? list.filter((r) => filter.kinds.includes(r.kind)) : list;
      } catch { /* shown */ } finally { loading.value = false; }
    }
    function clearPeriod() { Object.assign(filter, { kinds: [], from: '', to: '' }); load(); }
    function openAdd(kind = 'meeting', occurrence = 0) {
      Object.assign(dialog, { open: true, kind, held_at: '', topic: '', location: '', host: '', attendees: '',
        minutes: '', occurrence_id: occurrence, attachment_ids: [] });
    }
    async function save() {
      dialog.busy = true;
      try {
        const attendees = dialog.attendees.split(/[，,、\n]/).map((s) => s.trim()).filter(Boolean);
        const r = await post('/duty/records', { kind: dialog.kind, held_at: dialog.held_at, topic: dialog.topic,
          location: dialog.location, host: dialog.host, attendees, minutes: dialog.minutes,
          occurrence_id: dialog.occurrence_id || 0, attachment_ids: dialog.attachment_ids });
        dialog.open = false;
        ElementPlus.ElMessage.success('已保存');
        navigate('/duty/record?id=' + r.id);
      } catch { /* shown */ } finally { dialog.busy = false; }
    }
    onMounted(() => {
      const q = routeQuery();
      if (q.occurrence_id) openAdd(q.kind || 'meeting', Number(q.occurrence_id));
      load();
    });
    const open = (row) => navigate('/duty/record?id=' + row.id);
    return { records, loading, filter, clearPeriod, dialog, load, openAdd, save, open, KIND_LABELS, RECORD_KINDS };
  },
  template: `
  <el-card shadow="never" class="panel">
    <template #header>
      <div class="panel-header">
        <span class="panel-title">会议与学习</span>
        <el-button type="primary" :icon="'Plus'" @click="openAdd()">新增记录</el-button>
      </div>
    </template>
    <div class="filters">
      <el-select v-model="filter.kind" placeholder="全部类别" clearable style="width:160px" @change="filter.kinds = []; load()">
        <el-option v-for="k in RECORD_KINDS" :key="k" :value="k" :label="KIND_LABELS[k]" />
      </el-select>
      <el-tag v-if="filter.from || filter.kinds.length" closable @close="clearPeriod" style="margin-left:8px" data-testid="records-period">
        {{ filter.kinds.map((k) => KIND_LABELS[k]).join('、') }} {{ filter.from }}<span v-if="filter.from || filter.to"> 至 </span>{{ filter.to }}
      </el-tag>
    </div>
    <el-table :data="records" v-loading="loading" border stripe empty-text="暂无记录" @row-click="open" style="cursor:pointer">
      <el-table-column prop="date" label="日期" width="110" />
      <el-table-column label="类别" width="110"><template #default="{ row }">{{ KIND_LABELS[row.kind] }}</template></el-table-column>
      <el-table-column prop="topic" label="主题" min-width="260" />
      <el-table-column prop="host" label="主持" width="100" />
      <el-table-column label="参加人员" min-width="200"><template #default="{ row }">{{ row.attendees.join('、') }}</template></el-table-column>
    </el-table>
    <el-dialog v-model="dialog.open" title="新增记录" width="620px" :close-on-click-modal="false">
      <el-form label-width="80px">
        <el-form-item label="类别"><el-select v-model="dialog.kind"><el-option v-for="k in RECORD_KINDS" :key="k" :value="k" :label="KIND_LABELS[k]" /></el-select></el-form-item>
        <el-form-item label="时间"><el-date-picker v-model="dialog.held_at" type="datetime" value-format="YYYY-MM-DD HH:mm" format="YYYY-MM-DD HH:mm" /></el-form-item>
        <el-form-item label="主题"><el-input v-model="dialog.topic" maxlength="200" /></el-form-item>
        <el-form-item label="地点"><el-input v-model="dialog.location" maxlength="100" /></el-form-item>
        <el-form-item label="主持人"><el-input v-model="dialog.host" maxlength="60" /></el-form-item>
        <el-form-item label="参加人员"><el-input v-model="dialog.attendees" type="textarea" :rows="2" placeholder="姓名或单位，用顿号或逗号分隔" /></el-form-item>
        <el-form-item label="纪要"><el-input v-model="dialog.minutes" type="textarea" :rows="5" /></el-form-item>
        <el-form-item label="佐证材料"><attachment-list owner-kind="duty_record" :owner-id="0" :editable="true" v-model:ids="dialog.attachment_ids" /></el-form-item>
      </el-form>
      <template #footer><el-button @click="dialog.open = false">取消</el-button><el-button type="primary" :loading="dialog.busy" @click="save">保存</el-button></template>
    </el-dialog>
  </el-card>`,
};
