// 我的事项 / 部门待办 / 逾期督办 / 全部事项: one list page whose view follows
// the route, plus the 登记事项 dialog.
import { get, post, can, formatTime } from '../../api.js';
import { route, navigate } from '../../router.js';
import { STATE_TAGS, remainingText } from './common.js';

const VIEWS = {
  '/cases/mine': { view: 'mine', title: '我的事项', hint: '需要我办理的事项（签收、答复、审核、分派等）' },
  '/cases/department': { view: 'department', title: '部门待办', hint: '本部门承办、尚未办结的事项' },
  '/cases/overdue': { view: 'overdue', title: '逾期督办', hint: '已超过签收、答复或办结时限的事项' },
  '/cases/all': { view: 'all', title: '全部事项', hint: '' },
};

export default {
  name: 'CaseListPage',
  setup() {
    const { ref, reactive, computed, onMounted } = Vue;
    const cfg = computed(() => VIEWS[route.value] || VIEWS['/cases/all']);
    const rows = ref([]);
    const total = ref(0);
    const loading = ref(false);
    const filter = reactive({ q: '', state: '', page: 1 });
    const canCreate = can('cases.create');
    const dlg = reactive({ open: false, busy: false });
    const form = reactive({ origin: 'manual', origin_ref: '', title: '', description: '', case_type: 'general', priority: 'normal', deadline: '' });

    async function load() {
      loading.value = true;
      try {
        const q = new URLSearchParams({ view: cfg.value.view, limit: '20', offset: String((filter.page - 1) * 20) });
        if (filter.q) q.set('q', filter.q);
        if (filter.state) q.set('state', filter.state);
        const r = await get('/cases?' + q.toString());
        rows.value = r.cases || [];
        total.value = r.total || 0;
      } catch { /* shown */ } finally { loading.value = false; }
    }
    async function create() {
      if (!form.title.trim()) { ElementPlus.ElMessage.warning('请填写事项标题'); return; }
      if (form.origin === 'superior' && (!form.origin_ref.trim() || !form.deadline)) {
        ElementPlus.ElMessage.warning('上级交办事项须填写交办文号和交办时限');
        return;
      }
      dlg.busy = true;
      try {
        const body = { ...form };
        if (!body.deadline) delete body.deadline;
        const c = await post('/cases', body);
        dlg.open = false;
        ElementPlus.ElMessage.success(`已登记：${c.code}`);
        navigate(`/cases/detail?id=${c.id}`);
      } catch { /* shown */ } finally { dlg.busy = false; }
    }
    const open = (row) => navigate(`/cases/detail?id=${row.id}`);
    onMounted(load);
    return { cfg, rows, total, loading, filter, load, canCreate, dlg, form, create, open, formatTime, STATE_TAGS, remainingText };
  },
  template: `
  <div class="page">
    <div class="page-head">
      <h2>{{ cfg.title }}</h2>
      <span class="muted">{{ cfg.hint }}</span>
      <div style="flex:1"></div>
      <el-input v-model="filter.q" placeholder="搜索编号、标题" clearable style="width:200px" @change="filter.page=1;load()" />
      <el-select v-model="filter.state" placeholder="全部状态" clearable style="width:120px;margin-left:8px" @change="filter.page=1;load()">
        <el-option v-for="s in [['received','待分派'],['dispatched','待签收'],['processing','办理中'],['replied','待审核'],['closed','已办结'],['evaluated','已评价'],['returned','已退回']]" :key="s[0]" :value="s[0]" :label="s[1]" />
      </el-select>
      <el-button v-if="canCreate" type="primary" style="margin-left:8px" data-testid="case-new" @click="dlg.open=true">登记事项</el-button>
    </div>
    <el-table :data="rows" v-loading="loading" @row-click="open" style="cursor:pointer" data-testid="case-table" empty-text="暂无事项">
      <el-table-column prop="code" label="编号" width="130" />
      <el-table-column label="标题" min-width="240">
        <template #default="{row}"><span :data-testid="'case-row-' + row.id">{{ row.title }}</span></template>
      </el-table-column>
      <el-table-column prop="origin_label" label="来源" width="90" />
      <el-table-column label="紧急" width="70"><template #default="{row}"><el-tag v-if="row.priority==='urgent'" type="danger" size="small">紧急</el-tag><span v-else>普通</span></template></el-table-column>
      <el-table-column label="状态" width="90"><template #default="{row}"><el-tag :type="STATE_TAGS[row.state]" size="small">{{ row.state_label }}</el-tag></template></el-table-column>
      <el-table-column prop="lead_unit_name" label="承办部门" width="110" />
      <el-table-column label="受理时间" width="160"><template #default="{row}">{{ formatTime(row.received_at) }}</template></el-table-column>
      <el-table-column label="时限" width="190">
        <template #default="{row}">
          <span :style="{color: row.overdue ? '#d9363e' : ''}">{{ row.current_stage.label }}：{{ remainingText(row.current_stage) }}</span>
        </template>
      </el-table-column>
    </el-table>
    <el-pagination v-if="total > 20" layout="prev, pager, next, total" :total="total" :page-size="20" v-model:current-page="filter.page" @current-change="load" style="margin-top:12px" />
    <el-dialog v-model="dlg.open" title="登记处置事项" width="560px">
      <el-form label-width="96px">
        <el-form-item label="来源">
          <el-select v-model="form.origin">
            <el-option value="manual" label="手工登记" /><el-option value="superior" label="上级交办" />
            <el-option value="complaint" label="群众诉求" /><el-option value="monitor_event" label="监测事件" />
            <el-option value="monitor_item" label="监测信息" />
          </el-select>
        </el-form-item>
        <el-form-item :label="form.origin==='superior' ? '交办文号' : '来源编号'"><el-input v-model="form.origin_ref" /></el-form-item>
        <el-form-item label="标题" required><el-input v-model="form.title" data-testid="case-title" /></el-form-item>
        <el-form-item label="内容"><el-input v-model="form.description" type="textarea" :rows="4" /></el-form-item>
        <el-form-item label="类型"><el-radio-group v-model="form.case_type"><el-radio value="general">一般</el-radio><el-radio value="complex">复杂</el-radio></el-radio-group></el-form-item>
        <el-form-item label="紧急程度"><el-radio-group v-model="form.priority"><el-radio value="normal">普通</el-radio><el-radio value="urgent">紧急</el-radio></el-radio-group></el-form-item>
        <el-form-item v-if="form.origin==='superior'" label="交办时限" required><el-date-picker v-model="form.deadline" type="datetime" value-format="YYYY-MM-DD HH:mm" placeholder="上级要求的办结时间" /></el-form-item>
      </el-form>
      <template #footer><el-button @click="dlg.open=false">取消</el-button><el-button type="primary" :loading="dlg.busy" data-testid="case-create" @click="create">登记</el-button></template>
    </el-dialog>
  </div>`,
};
