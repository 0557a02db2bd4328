// 报告列表: every drafted report with its status; 新建报告 picks a kind and a
// period and drafts it from the records.
import { get, post, can, formatTime } from '../../api.js';
import { navigate } from '../../router.js';

const KINDS = [
  { name: 'monthly', label: '月度工作报告', form: 'month' },
  { name: 'quarterly', label: '季度工作报告', form: 'quarter' },
  { name: 'half-year', label: '半年工作总结', form: 'half' },
  { name: 'annual', label: '年度工作总结', form: 'year' },
  { name: 'briefing', label: '工作简报', form: 'range' },
  { name: 'self-check', label: '责任制落实情况自查报告', form: 'year' },
];

function pad(n) { return String(n).padStart(2, '0'); }

export default {
  name: 'ReportListPage',
  setup() {
    const { ref, reactive, computed, onMounted } = Vue;
    const reports = ref([]);
    const loading = ref(false);
    const now = new Date();
    const dialog = reactive({ open: false, busy: false });
    const form = reactive({ kind: 'monthly', month: `${now.getFullYear()}-${pad(now.getMonth() + 1)}`,
      year: String(now.getFullYear()), quarter: Math.floor(now.getMonth() / 3) + 1, half: now.getMonth() < 6 ? 1 : 2,
      range: [] });
    const kindForm = computed(() => (KINDS.find((k) => k.name === form.kind) || KINDS[0]).form);
    const period = computed(() => {
      switch (kindForm.value) {
        case 'month': return form.month || '';
        case 'quarter': return `${form.year}Q${form.quarter}`;
        case 'half': return `${form.year}H${form.half}`;
        case 'year': return form.year;
        default: return form.range && form.range.length === 2 ? `${form.range[0]}..${form.range[1]}` : '';
      }
    });

    async function load() {
      loading.value = true;
      try { reports.value = (await get('/reports')).reports || []; } catch { /* shown */ } finally { loading.value = false; }
    }
    async function create() {
      if (!period.value) { ElementPlus.ElMessage.warning('请选择报告期'); return; }
      dialog.busy = true;
      try {
        const r = await post('/reports', { kind: form.kind, period: period.value });
        dialog.open = false;
        ElementPlus.ElMessage.success('已根据系统记录起草报告，请核对后修改');
        navigate(`/reports/edit?id=${r.id}`);
      } catch { /* shown */ } finally { dialog.busy = false; }
    }
    onMounted(load);
    return { reports, loading, dialog, form, KINDS, kindForm, period, create, formatTime, navigate,
      editable: can('reports.edit') };
  },
  template: `
  <div class="page">
    <div class="toolbar">
      <el-button v-if="editable" type="primary" data-testid="report-new" @click="dialog.open = true">新建报告</el-button>
    </div>
    <el-table :data="reports" v-loading="loading" empty-text="还没有报告，点击“新建报告”根据系统记录起草">
      <el-table-column prop="title" label="标题" min-width="300">
        <template #default="{ row }"><el-link type="primary" @click="navigate('/reports/edit?id=' + row.id)">{{ row.title }}</el-link></template>
      </el-table-column>
      <el-table-column prop="kind_label" label="类型" width="170" />
      <el-table-column prop="period_label" label="报告期" width="200" />
      <el-table-column label="状态" width="90">
        <template #default="{ row }"><el-tag :type="row.status === 'final' ? 'success' : 'info'">{{ row.status_label }}</el-tag></template>
      </el-table-column>
      <el-table-column label="更新时间" width="170"><template #default="{ row }">{{ formatTime(row.updated_at) }}</template></el-table-column>
      <el-table-column prop="created_by" label="起草人" width="110" />
    </el-table>
    <el-dialog v-model="dialog.open" title="新建报告" width="480px">
      <el-form label-width="80px">
        <el-form-item label="报告类型">
          <el-select v-model="form.kind" data-testid="report-kind"><el-option v-for="k in KINDS" :key="k.name" :label="k.label" :value="k.name" /></el-select>
        </el-form-item>
        <el-form-item label="报告期">
          <el-date-picker v-if="kindForm === 'month'" v-model="form.month" type="month" value-format="YYYY-MM" placeholder="选择月份" />
          <template v-else-if="kindForm !== 'range'">
            <el-date-picker v-model="form.year" type="year" value-format="YYYY" placeholder="选择年份" style="width: 130px" />
            <el-select v-if="kindForm === 'quarter'" v-model="form.quarter" style="width: 130px; margin-left: 8px">
              <el-option v-for="q in 4" :key="q" :label="'第' + '一二三四'[q - 1] + '季度'" :value="q" />
            </el-select>
            <el-select v-if="kindForm === 'half'" v-model="form.half" style="width: 130px; margin-left: 8px">
              <el-option label="上半年" :value="1" /><el-option label="下半年" :value="2" />
            </el-select>
          </template>
          <el-date-picker v-else v-model="form.range" type="daterange" value-format="YYYY-MM-DD" start-placeholder="开始日期" end-placeholder="结束日期" />
        </el-form-item>
        <el-form-item label="报告期代码"><span data-testid="report-period">{{ period || '—' }}</span></el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="dialog.open = false">取消</el-button>
        <el-button type="primary" :loading="dialog.busy" data-testid="report-create" @click="create">起草</el-button>
      </template>
    </el-dialog>
  </div>`,
};
