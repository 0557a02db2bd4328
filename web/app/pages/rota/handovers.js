// 交接班记录: the person going off duty writes what happened and what stays
// open; the next person on duty confirms having read it (确认接班).
import { get, post, formatTime, session } from '../../api.js';

export default {
  name: 'RotaHandoversPage',
  setup() {
    const { ref, reactive, onMounted } = Vue;
    const items = ref([]);
    const loading = ref(false);
    const scope = ref('all');
    const myShifts = ref([]);
    const form = reactive({ open: false, shift_id: '', content: '', open_matters: '', busy: false });
    const me = () => session.user?.id;

    async function load() {
      loading.value = true;
      try { items.value = (await get('/rota/handovers?scope=' + scope.value)).items; } catch { /* shown */ } finally { loading.value = false; }
    }
    async function openForm() {
      // Recent shifts (last 3 days up to today) the user can hand over.
      const day = (offset) => { const d = new Date(Date.now() + offset * 86400000); return d.toISOString().slice(0, 10); };
      const r = await get(`/rota/shifts?from=${day(-3)}&to=${day(1)}`);
      const mine = r.items.filter((s) => s.user_id === me());
      myShifts.value = (mine.length ? mine : r.items).filter((s) => new Date(s.starts_at) <= new Date()).reverse();
      Object.assign(form, { open: true, shift_id: myShifts.value[0]?.id || '', content: '', open_matters: '' });
    }
    async function save() {
      form.busy = true;
      try {
        await post('/rota/handovers', { shift_id: Number(form.shift_id) || 0, content: form.content, open_matters: form.open_matters });
        ElementPlus.ElMessage.success('交接班记录已提交');
        form.open = false;
        load();
      } catch { /* shown */ } finally { form.busy = false; }
    }
    async function ack(row) {
      try {
        await post(`/rota/handovers/${row.id}/ack`, {});
        ElementPlus.ElMessage.success('已确认接班');
        load();
      } catch { /* shown */ }
    }
    onMounted(load);
    return { items, loading, scope, myShifts, form, load, openForm, save, ack, formatTime, me };
  },
  template: `
  <el-card shadow="never" class="panel">
    <template #header>
      <div class="panel-header">
        <span class="panel-title">交接班记录</span>
        <el-button type="primary" @click="openForm" data-testid="rota-handover-new">填写交接班记录</el-button>
      </div>
    </template>
    <div class="filters">
      <el-radio-group v-model="scope" @change="load">
        <el-radio-button value="all">全部</el-radio-button>
        <el-radio-button value="mine">交给我的</el-radio-button>
      </el-radio-group>
    </div>
    <el-table :data="items" v-loading="loading" border empty-text="暂无交接班记录" data-testid="rota-handovers">
      <el-table-column label="交班时间" width="170"><template #default="{ row }">{{ formatTime(row.created_at) }}</template></el-table-column>
      <el-table-column label="班次" width="170"><template #default="{ row }">{{ formatTime(row.shift_starts_at).slice(0, 10) }} {{ row.shift_kind_label }}</template></el-table-column>
      <el-table-column prop="from_name" label="交班人" width="100" />
      <el-table-column label="接班人" width="100"><template #default="{ row }">{{ row.to_name || '（无后续班次）' }}</template></el-table-column>
      <el-table-column prop="content" label="交接内容" min-width="240" />
      <el-table-column prop="open_matters" label="待办事项" min-width="200" />
      <el-table-column label="接班确认" width="170">
        <template #default="{ row }">
          <span v-if="row.acked_at">{{ formatTime(row.acked_at) }}</span>
          <el-button v-else-if="row.to_user_id === me()" type="primary" size="small" @click="ack(row)">确认接班</el-button>
          <span v-else class="hint">待接班人确认</span>
        </template>
      </el-table-column>
    </el-table>
    <el-dialog v-model="form.open" title="填写交接班记录" width="600px" :close-on-click-modal="false">
      <el-form label-width="90px">
        <el-form-item label="交班班次">
          <el-select v-model="form.shift_id" style="width:100%" no-data-text="近几天没有您的班次">
            <el-option v-for="s in myShifts" :key="s.id" :value="s.id" :label="s.starts_local + ' ' + s.kind_label + '（' + s.user_name + '）'" />
          </el-select>
        </el-form-item>
        <el-form-item label="交接内容"><el-input v-model="form.content" type="textarea" :rows="4" placeholder="本班监测、预警、处置情况" /></el-form-item>
        <el-form-item label="待办事项"><el-input v-model="form.open_matters" type="textarea" :rows="3" placeholder="需下一班继续跟进的事项" /></el-form-item>
      </el-form>
      <template #footer><el-button @click="form.open = false">取消</el-button><el-button type="primary" :loading="form.busy" @click="save">提交</el-button></template>
    </el-dialog>
  </el-card>`,
};
