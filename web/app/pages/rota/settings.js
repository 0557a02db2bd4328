// 值班设置: how long the person on duty has to acknowledge a page before it
// goes to the leader on call, and the default leader when a shift has none.
import { get, put, can } from '../../api.js';

export default {
  name: 'RotaSettingsPage',
  setup() {
    const { ref, reactive, onMounted } = Vue;
    const editable = can('rota.settings.edit');
    const form = reactive({ ack_timeout_minutes: 15, fallback_leader_user_id: '' });
    const leaders = ref([]);
    const busy = ref(false);
    async function load() {
      try {
        const s = await get('/rota/settings');
        form.ack_timeout_minutes = s.ack_timeout_minutes;
        form.fallback_leader_user_id = s.fallback_leader_user_id || '';
        leaders.value = (await get('/rota/people')).items.filter((p) => p.role === 'leader' || p.role === 'admin');
      } catch { /* shown */ }
    }
    async function save() {
      busy.value = true;
      try {
        await put('/rota/settings', { ack_timeout_minutes: Number(form.ack_timeout_minutes),
          fallback_leader_user_id: Number(form.fallback_leader_user_id) || 0 });
        ElementPlus.ElMessage.success('已保存');
      } catch { /* shown */ } finally { busy.value = false; }
    }
    onMounted(load);
    return { editable, form, leaders, busy, save };
  },
  template: `
  <el-card shadow="never" class="panel">
    <template #header><span class="panel-title">值班设置</span></template>
    <el-form label-width="140px" style="max-width:560px">
      <el-form-item label="确认时限（分钟）"><el-input-number v-model="form.ack_timeout_minutes" :min="1" :max="1440" :disabled="!editable" /></el-form-item>
      <el-form-item label="默认带班领导">
        <el-select v-model="form.fallback_leader_user_id" clearable placeholder="班次未指定带班领导时升级给此人" :disabled="!editable" style="width:100%">
          <el-option v-for="p in leaders" :key="p.id" :value="p.id" :label="p.display_name + '（' + p.role_label + '）'" />
        </el-select>
      </el-form-item>
      <el-form-item><span class="hint">值班提醒在时限内未被值班人员确认时，升级为紧急通知发给该班次的带班领导；班次未指定带班领导、或当时无人值班时发给默认带班领导。</span></el-form-item>
      <el-form-item v-if="editable"><el-button type="primary" :loading="busy" @click="save">保存</el-button></el-form-item>
    </el-form>
  </el-card>`,
};
