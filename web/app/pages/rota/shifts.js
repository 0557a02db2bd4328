// 值班表: a month of shifts with heightened periods highlighted; admin and
// leader generate a month, edit a shift, swap two shifts and mark periods.
import { get, post, put, del, can } from '../../api.js';
import { routeQuery } from '../../router.js';

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];
const KINDS = [['day', '白班'], ['night', '夜班'], ['holiday', '节假日全天'], ['special', '专项值守']];

function monthRange(month) {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}
function thisMonth() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

export default {
  name: 'RotaShiftsPage',
  setup() {
    const { ref, reactive, computed, onMounted } = Vue;
    const editable = can('rota.edit');
    const q = routeQuery();
    const month = ref(q.from ? q.from.slice(0, 7) : thisMonth());
    const shifts = ref([]);
    const periods = ref([]);
    const people = ref([]);
    const now = ref(null);
    const loading = ref(false);
    const selected = ref([]);
    const gen = reactive({ open: false, month: '', people: [], leaders: [], day_start: '08:30', day_end: '17:30', replace: false, busy: false });
    const edit = reactive({ open: false, id: 0, user_id: 0, leader_user_id: 0, kind: 'day', starts_at: '', ends_at: '', note: '', busy: false });
    const period = reactive({ open: false, name: '', range: [], note: '', busy: false });
    const leaders = computed(() => people.value.filter((p) => p.role === 'leader' || p.role === 'admin'));

    async function load() {
      loading.value = true;
      try {
        const r = monthRange(month.value);
        const data = await get(`/rota/shifts?from=${r.from}&to=${r.to}`);
        shifts.value = data.items;
        periods.value = data.periods;
        now.value = await get('/rota/now');
      } catch { /* shown */ } finally { loading.value = false; }
    }
    async function loadPeople() {
      if (editable) people.value = (await get('/rota/people')).items;
    }
    const weekday = (date) => '周' + WEEKDAYS[new Date(date + 'T00:00:00Z').getUTCDay()];
    const rowStyle = ({ row }) => (row.heightened ? { background: '#fef0f0' } : {});
    function openGenerate() {
      Object.assign(gen, { open: true, month: month.value, replace: shifts.value.length > 0 });
    }
    async function generate() {
      gen.busy = true;
      try {
        const r = await post('/rota/generate', { month: gen.month, people: gen.people, leaders: gen.leaders,
          day_start: gen.day_start, day_end: gen.day_end, replace: gen.replace });
        ElementPlus.ElMessage.success(`已生成 ${r.created} 个班次`);
        gen.open = false;
        month.value = gen.month;
        load();
      } catch { /* shown */ } finally { gen.busy = false; }
    }
    function openEdit(row) {
      Object.assign(edit, { open: true, id: row.id, user_id: row.user_id, leader_user_id: row.leader_user_id || '',
        kind: row.kind, starts_at: row.starts_local, ends_at: row.ends_local, note: row.note });
    }
    function openAdd() {
      Object.assign(edit, { open: true, id: 0, user_id: '', leader_user_id: '', kind: 'special', starts_at: '', ends_at: '', note: '' });
    }
    async function saveShift() {
      edit.busy = true;
      const body = { user_id: Number(edit.user_id) || 0, leader_user_id: Number(edit.leader_user_id) || 0, kind: edit.kind,
        starts_at: edit.starts_at, ends_at: edit.ends_at, note: edit.note };
      try {
        if (edit.id) await put('/rota/shifts/' + edit.id, body); else await post('/rota/shifts', body);
        ElementPlus.ElMessage.success('已保存');
        edit.open = false;
        load();
      } catch { /* shown */ } finally { edit.busy = false; }
    }
    async function removeShift() {
      try {
        await ElementPlus.ElMessageBox.confirm('确定删除该班次？', '删除班次', { type: 'warning' });
        await del('/rota/shifts/' + edit.id);
        edit.open = false;
        load();
      } catch { /* cancelled or shown */ }
    }
    async function swap() {
      const [a, b] = selected.value;
      try {
        await ElementPlus.ElMessageBox.confirm(`将 ${a.date} ${a.kind_label}（${a.user_name}）与 ${b.date} ${b.kind_label}（${b.user_name}）互换？`, '调班', { type: 'info' });
        await post('/rota/swap', { shift_a: a.id, shift_b: b.id });
        ElementPlus.ElMessage.success('已调班');
        load();
      } catch { /* cancelled or shown */ }
    }
    async function savePeriod() {
      period.busy = true;
      try {
        await post('/rota/periods', { name: period.name, first_day: period.range?.[0] || '', last_day: period.range?.[1] || '', note: period.note });
        period.open = false;
        ElementPlus.ElMessage.success('已标记重要时段');
        load();
      } catch { /* shown */ } finally { period.busy = false; }
    }
    async function removePeriod(p) {
      try {
        await ElementPlus.ElMessageBox.confirm(`取消重要时段“${p.name}”？`, '重要时段', { type: 'warning' });
        await del('/rota/periods/' + p.id);
        load();
      } catch { /* cancelled or shown */ }
    }
    onMounted(() => { load(); loadPeople(); });
    return { editable, month, shifts, periods, people, leaders, now, loading, selected, gen, edit, period, KINDS,
      load, weekday, rowStyle, openGenerate, generate, openEdit, openAdd, saveShift, removeShift, swap, savePeriod, removePeriod };
  },
  template: `
  <el-card shadow="never" class="panel">
    <template #header>
      <div class="panel-header">
        <span class="panel-title">值班表</span>
        <span v-if="editable">
          <el-button @click="period.open = true" data-testid="rota-add-period">标记重要时段</el-button>
          <el-button @click="openAdd">新增班次</el-button>
          <el-button :disabled="selected.length !== 2" @click="swap" data-testid="rota-swap">调班（选两个班次）</el-button>
          <el-button type="primary" @click="openGenerate" data-testid="rota-generate">按月排班</el-button>
        </span>
      </div>
    </template>
    <el-alert v-if="now" :closable="false" :type="now.my_pending_pages ? 'warning' : 'info'" style="margin-bottom:12px" data-testid="rota-now">
      <template #title>
        当前值班：<b>{{ now.on_duty ? now.on_duty.user_name + '（' + now.on_duty.kind_label + ' ' + now.on_duty.starts_local + ' 至 ' + now.on_duty.ends_local + '）' : '无人值班' }}</b>
        <span v-if="now.on_duty && now.on_duty.leader_name">，带班领导：{{ now.on_duty.leader_name }}</span>
        <span v-if="now.my_pending_pages">　您有 <a href="#/rota/pages">{{ now.my_pending_pages }} 条值班提醒待确认</a></span>
        <span v-if="now.my_unread_handovers">　有 <a href="#/rota/handovers">{{ now.my_unread_handovers }} 份交接班记录</a>待您确认接班</span>
      </template>
    </el-alert>
    <div class="filters">
      <el-date-picker v-model="month" type="month" value-format="YYYY-MM" format="YYYY年MM月" :clearable="false" @change="load" />
      <span v-for="p in periods" :key="p.id" style="margin-left:8px">
        <el-tag type="danger" :closable="editable" @close="removePeriod(p)" data-testid="rota-period">重要时段：{{ p.name }}（{{ p.first_day }} 至 {{ p.last_day }}）</el-tag>
      </span>
    </div>
    <el-table :data="shifts" v-loading="loading" border :row-style="rowStyle" empty-text="本月尚未排班" @selection-change="(s) => selected = s" data-testid="rota-table">
      <el-table-column v-if="editable" type="selection" width="40" />
      <el-table-column prop="date" label="日期" width="110" />
      <el-table-column label="星期" width="70"><template #default="{ row }">{{ weekday(row.date) }}</template></el-table-column>
      <el-table-column prop="kind_label" label="班次" width="110" />
      <el-table-column label="时间" width="250"><template #default="{ row }">{{ row.starts_local }} 至 {{ row.ends_local.slice(5) }}</template></el-table-column>
      <el-table-column prop="user_name" label="值班人" width="110" />
      <el-table-column prop="user_phone" label="电话" width="130" />
      <el-table-column prop="leader_name" label="带班领导" width="110" />
      <el-table-column label="重要时段" min-width="160">
        <template #default="{ row }">
          <el-tag v-if="row.heightened" type="danger" size="small">{{ row.heightened }}</el-tag>
          <el-tag v-if="row.warning" type="warning" size="small">{{ row.warning }}</el-tag>
        </template>
      </el-table-column>
      <el-table-column prop="note" label="备注" min-width="120" />
      <el-table-column v-if="editable" label="操作" width="80"><template #default="{ row }"><el-button link type="primary" @click="openEdit(row)">调整</el-button></template></el-table-column>
    </el-table>
    <el-dialog v-model="gen.open" title="按月排班" width="560px" :close-on-click-modal="false">
      <el-form label-width="96px">
        <el-form-item label="月份"><el-date-picker v-model="gen.month" type="month" value-format="YYYY-MM" format="YYYY年MM月" /></el-form-item>
        <el-form-item label="值班人员"><el-select v-model="gen.people" multiple placeholder="按选择顺序轮流值班" style="width:100%" data-testid="rota-gen-people"><el-option v-for="p in people" :key="p.id" :value="p.id" :label="p.display_name + '（' + p.role_label + '）'" /></el-select></el-form-item>
        <el-form-item label="带班领导"><el-select v-model="gen.leaders" multiple placeholder="每天轮换一位" style="width:100%"><el-option v-for="p in leaders" :key="p.id" :value="p.id" :label="p.display_name" /></el-select></el-form-item>
        <el-form-item label="白班时间"><el-input v-model="gen.day_start" style="width:90px" /> 至 <el-input v-model="gen.day_end" style="width:90px" /></el-form-item>
        <el-form-item label=""><el-checkbox v-model="gen.replace">覆盖本月已有排班</el-checkbox></el-form-item>
        <el-form-item label=""><span class="hint">工作日排白班、夜班；休息日和法定节假日（含调休）排 24 小时班；重要时段每天须有带班领导。</span></el-form-item>
      </el-form>
      <template #footer><el-button @click="gen.open = false">取消</el-button><el-button type="primary" :loading="gen.busy" @click="generate" data-testid="rota-gen-submit">生成</el-button></template>
    </el-dialog>
    <el-dialog v-model="edit.open" :title="edit.id ? '调整班次' : '新增班次'" width="560px" :close-on-click-modal="false">
      <el-form label-width="90px">
        <el-form-item label="班次"><el-select v-model="edit.kind"><el-option v-for="k in KINDS" :key="k[0]" :value="k[0]" :label="k[1]" /></el-select></el-form-item>
        <el-form-item label="开始"><el-date-picker v-model="edit.starts_at" type="datetime" value-format="YYYY-MM-DD HH:mm" format="YYYY-MM-DD HH:mm" /></el-form-item>
        <el-form-item label="结束"><el-date-picker v-model="edit.ends_at" type="datetime" value-format="YYYY-MM-DD HH:mm" format="YYYY-MM-DD HH:mm" /></el-form-item>
        <el-form-item label="值班人"><el-select v-model="edit.user_id"><el-option v-for="p in people" :key="p.id" :value="p.id" :label="p.display_name" /></el-select></el-form-item>
        <el-form-item label="带班领导"><el-select v-model="edit.leader_user_id" clearable><el-option v-for="p in leaders" :key="p.id" :value="p.id" :label="p.display_name" /></el-select></el-form-item>
        <el-form-item label="备注"><el-input v-model="edit.note" maxlength="300" /></el-form-item>
      </el-form>
      <template #footer>
        <el-button v-if="edit.id" type="danger" plain @click="removeShift" style="float:left">删除</el-button>
        <el-button @click="edit.open = false">取消</el-button><el-button type="primary" :loading="edit.busy" @click="saveShift">保存</el-button>
      </template>
    </el-dialog>
    <el-dialog v-model="period.open" title="标记重要时段" width="520px" :close-on-click-modal="false">
      <el-form label-width="80px">
        <el-form-item label="名称"><el-input v-model="period.name" placeholder="如：国庆假期、县两会期间" maxlength="60" /></el-form-item>
        <el-form-item label="日期"><el-date-picker v-model="period.range" type="daterange" value-format="YYYY-MM-DD" start-placeholder="开始" end-placeholder="结束" /></el-form-item>
        <el-form-item label="要求"><el-input v-model="period.note" type="textarea" :rows="2" placeholder="如：每日须有带班领导" /></el-form-item>
      </el-form>
      <template #footer><el-button @click="period.open = false">取消</el-button><el-button type="primary" :loading="period.busy" @click="savePeriod">保存</el-button></template>
    </el-dialog>
  </el-card>`,
};
