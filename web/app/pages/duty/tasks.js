// 工作任务: recurring obligations and their occurrences (list by due date,
// with computed status: 未到期 / 临近截止 / 已逾期 / 已完成).
import { get, post, can, formatTime } from '../../api.js';
import { navigate, routeQuery } from '../../router.js';
import { KIND_LABELS, STATUS_LABELS, STATUS_TYPES } from '../../modules/duty.js';

const RECURRENCE = { monthly: '每月', quarterly: '每季度', half_year: '每半年', yearly: '每年',
  every_n_months: '每 N 个月', count_per_year: '每年不少于 N 次' };

export default {
  name: 'DutyTasksPage',
  setup() {
    const { ref, reactive, onMounted } = Vue;
    const obligations = ref([]);
    const occurrences = ref([]);
    const reminders = ref([]);
    const loading = ref(false);
    const editable = can('duty.config');
    const year = String(new Date().getFullYear());
    const dialog = reactive({ open: false, name: '', kind: 'meeting', recurrence: 'quarterly', interval_months: 1,
      due_day: 0, min_count: 1, remind_days: 7, busy: false });

    // Report figures link here with ?from=…&to=… (due dates, inclusive),
    // status=done|late and kind=channel_check.
    const q = routeQuery();
    const only = reactive({ from: q.from || '', to: q.to || '', status: q.status || '', kind: q.kind || '' });
    const STATUS_SETS = { done: ['done', 'done_late'], late: ['late'] };
    const keep = (o) => (!only.from || o.due_date >= only.from) && (!only.to || o.due_date <= only.to) &&
      (!only.status || (STATUS_SETS[only.status] || [only.status]).includes(o.status)) &&
      (!only.kind || o.kind === only.kind);
    function clearOnly() { Object.assign(only, { from: '', to: '', status: '', kind: '' }); load(); }
    async function load() {
      loading.value = true;
      try {
        const since = only.from ? only.from : `${year}-01-01`;
        const [o, c, r] = await Promise.all([get('/duty/obligations'), get(`/duty/occurrences?from=${since}`),
          get('/duty/reminders?limit=20')]);
        obligations.value = o.obligations || [];
        occurrences.value = (c.occurrences || []).filter(keep);
        reminders.value = r.reminders || [];
      } catch { /* shown */ } finally { loading.value = false; }
    }
    async function save() {
      dialog.busy = true;
      try {
        await post('/duty/obligations', { name: dialog.name, kind: dialog.kind, recurrence: dialog.recurrence,
          interval_months: dialog.interval_months, due_day: dialog.due_day, min_count: dialog.min_count,
          remind_days: dialog.remind_days });
        dialog.open = false;
        await load();
      } catch { /* shown */ } finally { dialog.busy = false; }
    }
    async function complete(row) {
      try {
        const { value } = await ElementPlus.ElMessageBox.prompt('完成说明（可选）', '标记完成', { inputValue: '' });
        await post(`/duty/occurrences/${row.id}/complete`, { note: value || '' });
        await load();
      } catch { /* cancelled or shown */ }
    }
    function record(row) { navigate(`/duty/records?occurrence_id=${row.id}&kind=${row.kind}`); }
    onMounted(load);
    return { only, clearOnly, STATUS_LABELS_ALL: STATUS_LABELS, obligations, occurrences, reminders, loading, editable, dialog, save, complete, record, KIND_LABELS,
      STATUS_LABELS, STATUS_TYPES, RECURRENCE, formatTime };
  },
  template: `
  <div>
    <el-card shadow="never" class="panel" style="margin-bottom:16px">
      <template #header>
        <div class="panel-header"><span class="panel-title">任务事项（{{ only.from ? only.from + ' 至 ' + only.to : '本年度' }}）</span>
          <el-tag v-if="only.from || only.status || only.kind" closable @close="clearOnly" data-testid="tasks-filter">
            {{ only.kind ? KIND_LABELS[only.kind] : '' }} {{ only.status ? STATUS_LABELS_ALL[only.status] : '' }} 按截止日期筛选</el-tag></div>
      </template>
      <el-table :data="occurrences" v-loading="loading" border size="small" empty-text="暂无任务事项" data-testid="occurrences">
        <el-table-column prop="obligation_name" label="任务" min-width="220" />
        <el-table-column label="周期" width="150"><template #default="{ row }">{{ row.period_label }}<span v-if="row.channel_name">（{{ row.channel_name }}）</span></template></el-table-column>
        <el-table-column prop="due_date" label="截止日期" width="110" />
        <el-table-column label="进度" width="90" align="center"><template #default="{ row }">{{ row.achieved }}/{{ row.required }}</template></el-table-column>
        <el-table-column label="状态" width="100"><template #default="{ row }"><el-tag size="small" :type="STATUS_TYPES[row.status]">{{ STATUS_LABELS[row.status] }}</el-tag></template></el-table-column>
        <el-table-column label="操作" width="170">
          <template #default="{ row }">
            <template v-if="row.status !== 'done' && row.status !== 'done_late'">
              <el-button v-if="['meeting','special_session','study','training'].includes(row.kind)" link type="primary" @click="record(row)">登记记录</el-button>
              <el-button v-if="row.kind !== 'zero_report' && row.required <= 1" link type="success" @click="complete(row)">标记完成</el-button>
            </template>
            <span v-else style="color:#909399; font-size:12px">{{ row.done_by_name }}</span>
          </template>
        </el-table-column>
      </el-table>
    </el-card>
    <el-card shadow="never" class="panel" style="margin-bottom:16px">
      <template #header>
        <div class="panel-header">
          <span class="panel-title">周期性工作任务</span>
          <el-button v-if="editable" type="primary" :icon="'Plus'" @click="dialog.open = true">新增任务</el-button>
        </div>
      </template>
      <el-table :data="obligations" border size="small">
        <el-table-column prop="name" label="名称" min-width="240" />
        <el-table-column label="类别" width="120"><template #default="{ row }">{{ KIND_LABELS[row.kind] }}</template></el-table-column>
        <el-table-column label="周期" width="150"><template #default="{ row }">{{ RECURRENCE[row.recurrence].replace('N', row.recurrence === 'count_per_year' ? row.min_count : row.interval_months) }}</template></el-table-column>
        <el-table-column prop="remind_days" label="提前提醒（天）" width="120" />
        <el-table-column label="状态" width="80"><template #default="{ row }">{{ row.active ? '启用' : '停用' }}</template></el-table-column>
      </el-table>
    </el-card>
    <el-card shadow="never" class="panel">
      <template #header><span class="panel-title">最近提醒</span></template>
      <el-empty v-if="!reminders.length" description="暂无提醒" :image-size="60" />
      <div v-for="r in reminders" :key="r.id" style="line-height:2">{{ formatTime(r.created_at) }} · {{ r.message }}</div>
    </el-card>
    <el-dialog v-model="dialog.open" title="新增周期性工作任务" width="560px">
      <el-form label-width="110px">
        <el-form-item label="名称"><el-input v-model="dialog.name" maxlength="100" /></el-form-item>
        <el-form-item label="类别"><el-select v-model="dialog.kind"><el-option v-for="(l, k) in KIND_LABELS" :key="k" :value="k" :label="l" /></el-select></el-form-item>
        <el-form-item label="周期"><el-select v-model="dialog.recurrence"><el-option v-for="(l, k) in RECURRENCE" :key="k" :value="k" :label="l" /></el-select></el-form-item>
        <el-form-item v-if="dialog.recurrence === 'every_n_months'" label="间隔月数"><el-input-number v-model="dialog.interval_months" :min="1" :max="12" /></el-form-item>
        <el-form-item v-if="dialog.recurrence === 'count_per_year'" label="每年最少次数"><el-input-number v-model="dialog.min_count" :min="1" :max="100" /></el-form-item>
        <el-form-item label="截止日"><el-input-number v-model="dialog.due_day" :min="-60" :max="31" /><span style="margin-left:8px; color:#909399; font-size:12px">0＝期末；1–31＝期末月某日；负数＝期满后若干天</span></el-form-item>
        <el-form-item label="提前提醒（天）"><el-input-number v-model="dialog.remind_days" :min="0" :max="60" /></el-form-item>
      </el-form>
      <template #footer><el-button @click="dialog.open = false">取消</el-button><el-button type="primary" :loading="dialog.busy" @click="save">保存</el-button></template>
    </el-dialog>
  </div>`,
};
