// 自查详情 (#/duty/selfcheck/detail?id=2): per-item deductions, findings and
// evidence; saving recomputes the total, submitting turns findings into
// rectification items.
import { get, put } from '../../api.js';
import { routeQuery, navigate } from '../../router.js';
import AttachmentList from '../attachments.js';

export default {
  name: 'DutySelfCheckDetailPage',
  components: { AttachmentList },
  setup() {
    const { ref, computed, onMounted } = Vue;
    const sc = ref(null);
    const busy = ref(false);
    const draft = computed(() => sc.value && sc.value.status !== 'submitted');
    const live = computed(() => (sc.value ? sc.value.items.reduce((s, i) => s + (i.max_score - (i.deduction || 0)), 0) : 0));
    async function load() {
      try { sc.value = await get('/duty/selfchecks/' + Number(routeQuery().id || 0)); } catch { /* shown */ }
    }
    async function save(submit) {
      if (submit) {
        try {
          await ElementPlus.ElMessageBox.confirm('提交后不能再修改评分，发现的问题将自动列入整改台账。确定提交？', '提交自查', { type: 'warning' });
        } catch { return; }
      }
      busy.value = true;
      try {
        sc.value = await put('/duty/selfchecks/' + sc.value.id, { submit, items: sc.value.items.map((i) => ({
          id: i.id, deduction: Number(i.deduction) || 0, finding: i.finding, note: i.note })) });
        ElementPlus.ElMessage.success(submit ? '已提交' : '已保存');
      } catch { /* shown */ } finally { busy.value = false; }
    }
    onMounted(load);
    return { sc, busy, draft, live, save, back: () => navigate('/duty/selfcheck') };
  },
  template: `
  <el-card shadow="never" class="panel" v-if="sc">
    <template #header>
      <div class="panel-header">
        <span class="panel-title">{{ sc.title }}（{{ draft ? '填写中' : '已提交' }}）</span>
        <div>
          <span style="margin-right:12px; font-size:16px">得分：<b>{{ draft ? live.toFixed(1) : sc.total_score }}</b> / {{ sc.total_max }}</span>
          <el-button @click="back">返回</el-button>
          <template v-if="draft">
            <el-button :loading="busy" @click="save(false)">保存</el-button>
            <el-button type="primary" :loading="busy" @click="save(true)">提交</el-button>
          </template>
        </div>
      </div>
    </template>
    <el-table :data="sc.items" border size="small">
      <el-table-column type="index" width="50" />
      <el-table-column prop="category" label="类别" width="100" />
      <el-table-column label="自查内容" min-width="240"><template #default="{ row }"><div>{{ row.content }}</div><div style="color:#909399; font-size:12px">{{ row.criteria }}</div></template></el-table-column>
      <el-table-column prop="max_score" label="分值" width="70" align="center" />
      <el-table-column label="扣分" width="130">
        <template #default="{ row }"><el-input-number v-if="draft" v-model="row.deduction" :min="0" :max="row.max_score" :step="0.5" size="small" style="width:110px" /><span v-else>{{ row.deduction }}</span></template>
      </el-table-column>
      <el-table-column label="发现的问题" min-width="200">
        <template #default="{ row }"><el-input v-if="draft" v-model="row.finding" type="textarea" :rows="1" size="small" /><span v-else>{{ row.finding }}</span></template>
      </el-table-column>
      <el-table-column label="佐证" width="220"><template #default="{ row }"><attachment-list owner-kind="selfcheck_item" :owner-id="row.id" :editable="draft" /></template></el-table-column>
    </el-table>
  </el-card>`,
};
