// 风险评估 (#/assess/list): assessments before major decisions, and opening a
// new one with a live preview of the evidence its keywords find.
import { get, post, can, formatTime } from '../../api.js';
import { navigate } from '../../router.js';
import { LEVEL_LABELS, LEVEL_TYPES } from '../../modules/assess.js';

export default {
  name: 'AssessListPage',
  setup() {
    const { ref, reactive, onMounted } = Vue;
    const rows = ref([]);
    const total = ref(0);
    const dialog = ref(false);
    const form = reactive({ title: '', decision: '', affected: '', timing: '', keywords: '', regions: '', excludes: '' });
    const preview = ref(null);
    const saving = ref(false);
    const load = async () => {
      try {
        const r = await get('/assess/assessments');
        rows.value = r.assessments;
        total.value = r.total;
      } catch { /* shown */ }
    };
    const doPreview = async () => {
      try {
        preview.value = (await post('/assess/evidence-preview',
          { keywords: form.keywords, regions: form.regions, excludes: form.excludes })).evidence;
      } catch { preview.value = null; }
    };
    const create = async () => {
      saving.value = true;
      try {
        const r = await post('/assess/assessments', { ...form });
        dialog.value = false;
        navigate('/assess/detail?id=' + r.id);
      } catch { /* shown */ } finally { saving.value = false; }
    };
    onMounted(load);
    return { rows, total, dialog, form, preview, saving, doPreview, create, can, formatTime, LEVEL_LABELS, LEVEL_TYPES,
      open: (id) => navigate('/assess/detail?id=' + id) };
  },
  template: `
  <el-card shadow="never" class="panel">
    <template #header><div class="panel-header"><span class="panel-title">重大决策舆情风险评估</span>
      <el-button v-if="can('assess.edit')" type="primary" @click="dialog = true">新建评估</el-button></div></template>
    <el-table :data="rows" empty-text="暂无评估" @row-click="(r) => open(r.id)" style="cursor:pointer">
      <el-table-column prop="id" label="编号" width="70" />
      <el-table-column prop="title" label="决策事项" min-width="220" />
      <el-table-column label="关键词" min-width="140"><template #default="{ row }">{{ row.keywords.join('、') }}</template></el-table-column>
      <el-table-column prop="status_label" label="状态" width="90" />
      <el-table-column label="风险等级" width="110"><template #default="{ row }">
        <el-tag v-if="row.final_level" :type="LEVEL_TYPES[row.final_level]">{{ LEVEL_LABELS[row.final_level] }}</el-tag>
        <span v-else>—</span></template></el-table-column>
      <el-table-column label="未完成措施" width="100" prop="open_measures" />
      <el-table-column label="创建" width="170"><template #default="{ row }">{{ row.created_by_name }} {{ formatTime(row.created_at) }}</template></el-table-column>
    </el-table>
    <el-dialog v-model="dialog" title="新建风险评估" width="720px">
      <el-form label-width="96px">
        <el-form-item label="决策事项" required><el-input v-model="form.title" maxlength="60" placeholder="如：调整城区供暖收费标准" /></el-form-item>
        <el-form-item label="决策内容"><el-input v-model="form.decision" type="textarea" :rows="3" /></el-form-item>
        <el-form-item label="涉及群体"><el-input v-model="form.affected" /></el-form-item>
        <el-form-item label="实施时间"><el-input v-model="form.timing" /></el-form-item>
        <el-form-item label="关键词" required><el-input v-model="form.keywords" placeholder="事件词，多个用顿号或空格分隔，如：供暖、暖气" /></el-form-item>
        <el-form-item label="地域词"><el-input v-model="form.regions" placeholder="可选，如：清河" /></el-form-item>
        <el-form-item label="排除词"><el-input v-model="form.excludes" placeholder="可选" /></el-form-item>
        <el-form-item><el-button @click="doPreview">预览相关信息</el-button></el-form-item>
      </el-form>
      <div v-if="preview" class="assess-preview">
        <p>规则：{{ preview.rule }}；检索 {{ preview.scanned }} 条，命中 <b>{{ preview.matched }}</b> 条（负面 {{ preview.negative }} 条），同类事件 {{ preview.events.length }} 个，既往案件 {{ preview.cases.length }} 件。</p>
        <el-table :data="preview.items.slice(0, 5)" size="small">
          <el-table-column prop="outlet" label="来源" width="120" />
          <el-table-column prop="title" label="标题" />
        </el-table>
      </div>
      <template #footer><el-button @click="dialog = false">取消</el-button><el-button type="primary" :loading="saving" @click="create">创建</el-button></template>
    </el-dialog>
  </el-card>`,
};
