// 工作日历 (admin): the year's statutory holidays and adjusted working days
// (shipped table plus overrides), adding/removing overrides, office hours.
import { get, put, formatTime } from '../../api.js';

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

export default {
  name: 'CaseCalendarPage',
  setup() {
    const { ref, reactive, onMounted } = Vue;
    const year = ref(new Date().getFullYear());
    const data = ref(null);
    const form = reactive({ day: '', kind: 'holiday', name: '' });
    const hours = ref('');
    async function load() {
      try {
        data.value = await get(`/case-calendar?year=${year.value}`);
        hours.value = data.value.office_hours;
      } catch { /* shown */ }
    }
    async function save(day, kind, name) {
      try {
        await put('/case-calendar/days', { day, kind, name });
        ElementPlus.ElMessage.success('已保存');
        await load();
      } catch { /* shown */ }
    }
    async function saveHours() {
      try {
        await put('/case-calendar/office-hours', { office_hours: hours.value });
        ElementPlus.ElMessage.success('办公时间已保存');
      } catch { /* shown */ }
    }
    onMounted(load);
    return { year, data, form, hours, load, save, saveHours, WEEKDAYS, formatTime };
  },
  template: `
  <div class="page">
    <div class="page-head"><h2>工作日历</h2><div style="flex:1"></div>
      <el-input-number v-model="year" :min="2024" :max="2100" @change="load" /></div>
    <p class="muted">法定节假日和调休上班日来自随系统发布的年度表（2027 年为暂定，待国务院办公厅公布后核对）；在此调整的日期优先。</p>
    <el-form inline>
      <el-form-item label="办公时间"><el-input v-model="hours" style="width:240px" placeholder="08:30-12:00,14:00-17:30" /></el-form-item>
      <el-form-item><el-button @click="saveHours">保存</el-button></el-form-item>
    </el-form>
    <el-form inline>
      <el-form-item label="日期"><el-date-picker v-model="form.day" type="date" value-format="YYYY-MM-DD" /></el-form-item>
      <el-form-item><el-select v-model="form.kind" style="width:140px"><el-option value="holiday" label="放假" /><el-option value="workday" label="调休上班" /><el-option value="default" label="恢复默认" /></el-select></el-form-item>
      <el-form-item><el-input v-model="form.name" placeholder="名称，如 国庆节" /></el-form-item>
      <el-form-item><el-button type="primary" :disabled="!form.day" @click="save(form.day, form.kind, form.name)">调整</el-button></el-form-item>
    </el-form>
    <el-table v-if="data" :data="data.days" border>
      <el-table-column prop="day" label="日期" width="130" />
      <el-table-column label="星期" width="70"><template #default="{row}">{{ WEEKDAYS[row.weekday] }}</template></el-table-column>
      <el-table-column label="类型" width="110"><template #default="{row}"><el-tag :type="row.kind === 'holiday' ? 'success' : 'warning'" size="small">{{ row.kind === 'holiday' ? '放假' : '调休上班' }}</el-tag></template></el-table-column>
      <el-table-column prop="name" label="名称" />
      <el-table-column label="来源" width="100"><template #default="{row}">{{ row.overridden ? '管理员调整' : '年度表' }}</template></el-table-column>
      <el-table-column label="操作" width="120"><template #default="{row}"><el-button v-if="row.overridden" link type="primary" @click="save(row.day, 'default', '')">恢复默认</el-button></template></el-table-column>
    </el-table>
  </div>`,
};
