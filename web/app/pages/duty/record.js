// 记录详情 (#/duty/record?id=3): one meeting/study/training with minutes and
// evidence files.
import { get } from '../../api.js';
import { routeQuery, navigate } from '../../router.js';
import { KIND_LABELS } from '../../modules/duty.js';
import AttachmentList from '../attachments.js';

export default {
  name: 'DutyRecordPage',
  components: { AttachmentList },
  setup() {
    const { ref, onMounted } = Vue;
    const rec = ref(null);
    onMounted(async () => {
      try { rec.value = await get('/duty/records/' + Number(routeQuery().id || 0)); } catch { /* shown */ }
    });
    return { rec, KIND_LABELS, back: () => navigate('/duty/records') };
  },
  template: `
  <el-card shadow="never" class="panel">
    <template #header><div class="panel-header"><span class="panel-title">{{ rec ? rec.topic : '记录详情' }}</span><el-button @click="back">返回列表</el-button></div></template>
    <el-descriptions v-if="rec" :column="2" border>
      <el-descriptions-item label="类别">{{ KIND_LABELS[rec.kind] }}</el-descriptions-item>
      <el-descriptions-item label="日期">{{ rec.date }}</el-descriptions-item>
      <el-descriptions-item label="地点">{{ rec.location }}</el-descriptions-item>
      <el-descriptions-item label="主持人">{{ rec.host }}</el-descriptions-item>
      <el-descriptions-item label="参加人员" :span="2">{{ rec.attendees.join('、') }}</el-descriptions-item>
      <el-descriptions-item label="纪要" :span="2"><div style="white-space:pre-wrap">{{ rec.minutes }}</div></el-descriptions-item>
      <el-descriptions-item label="登记人">{{ rec.created_by_name }}</el-descriptions-item>
    </el-descriptions>
    <div v-if="rec" style="margin-top:12px"><attachment-list owner-kind="duty_record" :owner-id="rec.id" :editable="true" title="佐证材料" /></div>
  </el-card>`,
};
