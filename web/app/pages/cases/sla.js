// 办理时限 (admin): sign / first reply / closure limits per case type and
// priority, in natural hours, working hours or working days.
import { get, put } from '../../api.js';

const UNITS = [{ value: 'hours', label: '小时' }, { value: 'work_hours', label: '工作小时' }, { value: 'work_days', label: '工作日' }];

export default {
  name: 'CaseSlaPage',
  setup() {
    const { ref, onMounted } = Vue;
    const rules = ref([]);
    async function load() {
      try { rules.value = (await get('/case-sla')).rules || []; } catch { /* shown */ }
    }
    async function save(r) {
      try {
        await put('/case-sla', { case_type: r.case_type, priority: r.priority, sign: r.sign, reply: r.reply, close: r.close });
        ElementPlus.ElMessage.success('已保存');
        await load();
      } catch { /* shown */ }
    }
    onMounted(load);
    return { rules, save, UNITS };
  },
  template: `
  <div class="page">
    <div class="page-head"><h2>办理时限</h2></div>
    <p class="muted">签收时限自分派起算，首次答复和办结时限自受理起算；工作日按工作日历和办公时间计算，暂停计时期间不计。</p>
    <el-table :data="rules" border>
      <el-table-column label="类型" width="80"><template #default="{row}">{{ row.case_type_label }}</template></el-table-column>
      <el-table-column label="紧急程度" width="90"><template #default="{row}">{{ row.priority_label }}</template></el-table-column>
      <el-table-column v-for="k in [['sign','签收'],['reply','首次答复'],['close','办结']]" :key="k[0]" :label="k[1]">
        <template #default="{row}">
          <el-input-number v-model="row[k[0]].amount" :min="1" :max="8760" size="small" style="width:100px" />
          <el-select v-model="row[k[0]].unit" size="small" style="width:100px;margin-left:4px"><el-option v-for="u in UNITS" :key="u.value" :value="u.value" :label="u.label" /></el-select>
        </template>
      </el-table-column>
      <el-table-column label="操作" width="90"><template #default="{row}"><el-button type="primary" size="small" @click="save(row)">保存</el-button></template></el-table-column>
    </el-table>
  </div>`,
};
