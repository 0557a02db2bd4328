// 零报告: a completeness grid (units × months) for staff, and the submit form
// for reporters (own unit only; admin/leader may record for any unit).
import { get, post, can, session, formatTime } from '../../api.js';
import AttachmentList from '../attachments.js';
import { routeQuery } from '../../router.js';

export default {
  name: 'DutyZeroPage',
  components: { AttachmentList },
  setup() {
    const { ref, reactive, computed, onMounted } = Vue;
    const grid = ref(null);
    const units = ref([]);
    const mine = ref([]);
    const loading = ref(false);
    const canView = can('duty.view');
    const canSubmit = can('duty.zero.submit');
    const isReporter = session.user?.role === 'reporter';
    const now = new Date();
    const p = (n) => String(n).padStart(2, '0');
    const thisMonth = `${now.getFullYear()}-${p(now.getMonth() + 1)}`;
    const form = reactive({ unit_id: session.user?.unit_id || 0, month: thisMonth, nothing: true,
      matters: [{ title: '', detail: '' }], note: '', attachment_ids: [], busy: false });

    const cellLabel = (c) => (c === 'zero' ? '无' : c === 'matters' ? '有情况' : '未报');
    const cellType = (c) => (c === 'zero' ? 'success' : c === 'matters' ? 'warning' : 'danger');

    // Report figures link here with ?from=2026-07-01&to=2026-09-30: the grid
    // then shows exactly the months of the report's period.
    const q = routeQuery();
    function gridQuery() {
      const from = /^\d{4}-\d{2}/.test(q.from || '') ? q.from.slice(0, 7) : '';
      const to = /^\d{4}-\d{2}/.test(q.to || '') ? q.to.slice(0, 7) : '';
      if (!from || !to || to < from) return 'months=6';
      const n = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5)) - Number(from.slice(5)) + 1;
      return `to=${to}&months=${Math.min(n, 36)}`;
    }
    async function load() {
      loading.value = true;
      try {
        if (canView) grid.value = await get('/duty/zero-completeness?' + gridQuery());
        if (!isReporter) units.value = (await get('/units')).units || [];
        mine.value = (await get('/duty/zero-reports' + (isReporter ? '' : '?month=' + thisMonth))).zero_reports || [];
      } catch { /* shown */ } finally { loading.value = false; }
    }
    async function submit() {
      if (!form.unit_id) { ElementPlus.ElMessage.error('请选择报送单位'); return; }
      const matters = form.nothing ? [] : form.matters.filter((m) => m.title.trim());
      if (!form.nothing && !matters.length) { ElementPlus.ElMessage.error('请填写至少一条情况，或选择“本月无情况”'); return; }
      form.busy = true;
      try {
        await post('/duty/zero-reports', { unit_id: form.unit_id, month: form.month, nothing_to_report: form.nothing,
          matters, note: form.note, attachment_ids: form.attachment_ids });
        ElementPlus.ElMessage.success('已报送 ' + form.month + ' 零报告');
        form.attachment_ids = [];
        await load();
      } catch { /* shown */ } finally { form.busy = false; }
    }
    async function remind(month) {
      try {
        const r = await post('/duty/zero-reminders', { month });
        ElementPlus.ElMessage.success(`已提醒 ${r.reminded} 个未报单位`);
      } catch { /* shown */ }
    }
    const ownUnitName = computed(() => session.user?.unit_name || '');
    onMounted(load);
    return { grid, units, mine, loading, canView, canSubmit, isReporter, form, submit, remind, cellLabel, cellType,
      ownUnitName, formatTime, can };
  },
  template: `
  <div>
    <el-card v-if="canSubmit" shadow="never" class="panel" style="margin-bottom:16px">
      <template #header><span class="panel-title">报送零报告</span></template>
      <el-form label-width="100px" style="max-width:720px" data-testid="zero-form">
        <el-form-item label="报送单位">
          <span v-if="isReporter">{{ ownUnitName || '（账号未关联单位）' }}</span>
          <el-select v-else v-model="form.unit_id" filterable placeholder="选择单位" style="width:260px">
            <el-option v-for="u in units" :key="u.id" :value="u.id" :label="u.name" />
          </el-select>
        </el-form-item>
        <el-form-item label="月份">
          <el-date-picker v-model="form.month" type="month" value-format="YYYY-MM" :clearable="false" data-testid="zero-month" />
        </el-form-item>
        <el-form-item label="报送内容">
          <el-radio-group v-model="form.nothing" data-testid="zero-nothing">
            <el-radio :value="true">本月无情况（零报告）</el-radio>
            <el-radio :value="false">有情况报告</el-radio>
          </el-radio-group>
        </el-form-item>
        <template v-if="!form.nothing">
          <el-form-item v-for="(m, i) in form.matters" :key="i" :label="'情况 ' + (i + 1)">
            <el-input v-model="m.title" placeholder="简要标题" maxlength="100" style="margin-bottom:6px" />
            <el-input v-model="m.detail" type="textarea" :rows="2" placeholder="发现的情况与处置" maxlength="2000" />
          </el-form-item>
          <el-form-item><el-button size="small" @click="form.matters.push({ title: '', detail: '' })">再加一条</el-button></el-form-item>
        </template>
        <el-form-item label="备注"><el-input v-model="form.note" maxlength="1000" /></el-form-item>
        <el-form-item label="附件"><attachment-list owner-kind="zero_report" :owner-id="0" :editable="true" v-model:ids="form.attachment_ids" /></el-form-item>
        <el-form-item><el-button type="primary" :loading="form.busy" @click="submit" data-testid="zero-submit">报送</el-button></el-form-item>
      </el-form>
      <div v-if="isReporter && mine.length">
        <div style="font-weight:600; margin:8px 0">本单位已报送</div>
        <el-table :data="mine" border size="small">
          <el-table-column prop="month" label="月份" width="100" />
          <el-table-column label="内容"><template #default="{ row }">{{ row.nothing_to_report ? '本月无情况' : row.matters.map(m => m.title).join('；') }}</template></el-table-column>
          <el-table-column prop="submitted_by_name" label="报送人" width="120" />
          <el-table-column label="报送时间" width="170"><template #default="{ row }">{{ formatTime(row.submitted_at) }}</template></el-table-column>
        </el-table>
      </div>
    </el-card>
    <el-card v-if="canView && grid" shadow="never" class="panel">
      <template #header><span class="panel-title">零报告报送情况（近 6 个月，应报 {{ grid.expected }} 个单位）</span></template>
      <el-table :data="grid.rows" border size="small" v-loading="loading" data-testid="zero-grid">
        <el-table-column prop="unit_name" label="单位" width="160" fixed />
        <el-table-column v-for="(m, i) in grid.months" :key="m" :label="m" align="center" min-width="90">
          <template #header>
            <div>{{ m }}</div>
            <div style="font-size:12px; font-weight:normal" :data-testid="'zero-count-' + m">{{ grid.submitted[i] }}/{{ grid.expected }}</div>
            <el-button v-if="can('duty.config') && grid.submitted[i] < grid.expected" link size="small" type="primary" @click="remind(m)">提醒未报</el-button>
          </template>
          <template #default="{ row }"><el-tag size="small" :type="cellType(row.cells[i])">{{ cellLabel(row.cells[i]) }}</el-tag></template>
        </el-table-column>
      </el-table>
    </el-card>
  </div>`,
};
