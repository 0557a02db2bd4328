// 阵地: the organization's websites, official accounts, video accounts, work
// groups, screens and terminals, each with its owner, manager, required
// review stages and last security check. Admins and leaders edit; everyone
// else reads.
import { get, post, put, del, can } from '../../api.js';
import { CHANNEL_KINDS, STAGE_OPTIONS } from './common.js';

export default {
  name: 'ReviewChannelsPage',
  setup() {
    const { ref, reactive, onMounted } = Vue;
    const channels = ref([]);
    const units = ref([]);
    const users = ref([]);
    const loading = ref(false);
    const editable = can('review.channels.edit');
    const dialog = reactive({ open: false, editing: null, busy: false });
    const form = reactive({ name: '', kind: 'website', address: '', unit_id: 0, manager_id: 0, stages: [],
      last_check_on: '', note: '', active: true });

    async function load() {
      loading.value = true;
      try {
        channels.value = (await get('/review/channels?include_inactive=1')).channels || [];
        units.value = (await get('/units', { quiet: true })).units || [];
        if (editable) users.value = (await get('/users', { quiet: true })).users || [];
      } catch { /* shown */ } finally { loading.value = false; }
    }
    function openAdd() {
      dialog.editing = null;
      Object.assign(form, { name: '', kind: 'website', address: '', unit_id: 0, manager_id: 0,
        stages: ['first', 'second', 'final'], last_check_on: '', note: '', active: true });
      dialog.open = true;
    }
    function openEdit(row) {
      dialog.editing = row;
      Object.assign(form, { name: row.name, kind: row.kind, address: row.address, unit_id: row.unit_id || 0,
        manager_id: row.manager_id || 0, stages: row.stages.map((s) => s.name), last_check_on: row.last_check_on || '',
        note: row.note || '', active: row.active });
      dialog.open = true;
    }
    async function save() {
      if (!form.name.trim()) return ElementPlus.ElMessage.warning('请填写阵地名称');
      if (!form.stages.length) return ElementPlus.ElMessage.warning('至少选择一个审核环节');
      const order = ['first', 'second', 'final'];
      const body = { ...form, name: form.name.trim(), stages: order.filter((s) => form.stages.includes(s)),
        last_check_on: form.last_check_on || '' };
      dialog.busy = true;
      try {
        if (dialog.editing) await put(`/review/channels/${dialog.editing.id}`, body);
        else await post('/review/channels', body);
        ElementPlus.ElMessage.success('已保存');
        dialog.open = false;
        await load();
      } catch { /* shown */ } finally { dialog.busy = false; }
    }
    async function remove(row) {
      try {
        await ElementPlus.ElMessageBox.confirm(`删除阵地“${row.name}”？已有稿件的阵地将改为停用，记录保留。`, '删除阵地',
          { type: 'warning', confirmButtonText: '删除', cancelButtonText: '取消' });
      } catch { return; }
      try { await del(`/review/channels/${row.id}`); ElementPlus.ElMessage.success('已处理'); await load(); } catch { /* shown */ }
    }
    onMounted(load);
    return { channels, units, users, loading, editable, dialog, form, openAdd, openEdit, save, remove,
      CHANNEL_KINDS, STAGE_OPTIONS };
  },
  template: `
  <el-card shadow="never" class="panel">
    <template #header>
      <div class="panel-header">
        <span class="panel-title">阵地</span>
        <div>
          <el-tag v-if="!editable" type="info" size="small" class="readonly-tag">只读</el-tag>
          <el-button v-if="editable" type="primary" :icon="'Plus'" @click="openAdd" data-testid="channel-add">新增阵地</el-button>
        </div>
      </div>
    </template>
    <el-table :data="channels" v-loading="loading" border stripe empty-text="暂无阵地" data-testid="channels-table">
      <el-table-column prop="name" label="名称" min-width="200" />
      <el-table-column prop="kind_label" label="类型" width="110" />
      <el-table-column prop="address" label="网址/账号" min-width="180" show-overflow-tooltip />
      <el-table-column prop="unit_name" label="主办单位" width="120" />
      <el-table-column prop="manager_name" label="管理人" width="100" />
      <el-table-column label="审核环节" width="160"><template #default="{ row }">{{ row.stages.map(s => s.label).join(' → ') }}</template></el-table-column>
      <el-table-column prop="last_check_on" label="最近安全检查" width="120" />
      <el-table-column label="状态" width="80" align="center">
        <template #default="{ row }"><el-tag :type="row.active ? 'success' : 'info'" size="small">{{ row.active ? '在用' : '停用' }}</el-tag></template>
      </el-table-column>
      <el-table-column v-if="editable" label="操作" width="120" align="center" fixed="right">
        <template #default="{ row }">
          <el-button link type="primary" @click="openEdit(row)">编辑</el-button>
          <el-button link type="danger" @click="remove(row)">删除</el-button>
        </template>
      </el-table-column>
    </el-table>
    <el-dialog v-model="dialog.open" :title="dialog.editing ? '编辑阵地' : '新增阵地'" width="560px" :close-on-click-modal="false">
      <el-form label-width="100px">
        <el-form-item label="名称" required><el-input v-model="form.name" maxlength="100" /></el-form-item>
        <el-form-item label="类型"><el-select v-model="form.kind" style="width: 100%">
          <el-option v-for="k in CHANNEL_KINDS" :key="k.value" :value="k.value" :label="k.label" /></el-select></el-form-item>
        <el-form-item label="网址/账号"><el-input v-model="form.address" /></el-form-item>
        <el-form-item label="主办单位"><el-select v-model="form.unit_id" style="width: 100%">
          <el-option :value="0" label="（本单位）" />
          <el-option v-for="u in units" :key="u.id" :value="u.id" :label="u.name" /></el-select></el-form-item>
        <el-form-item label="管理人"><el-select v-model="form.manager_id" style="width: 100%" filterable>
          <el-option :value="0" label="（未指定）" />
          <el-option v-for="u in users" :key="u.id" :value="u.id" :label="u.display_name + '（' + u.name + '）'" /></el-select></el-form-item>
        <el-form-item label="审核环节" required><el-checkbox-group v-model="form.stages">
          <el-checkbox v-for="s in STAGE_OPTIONS" :key="s.value" :value="s.value">{{ s.label }}</el-checkbox></el-checkbox-group></el-form-item>
        <el-form-item label="最近安全检查"><el-date-picker v-model="form.last_check_on" type="date" value-format="YYYY-MM-DD" style="width: 100%" /></el-form-item>
        <el-form-item label="备注"><el-input v-model="form.note" type="textarea" :rows="2" /></el-form-item>
        <el-form-item v-if="dialog.editing" label="状态"><el-switch v-model="form.active" active-text="在用" inactive-text="停用" /></el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="dialog.open = false">取消</el-button>
        <el-button type="primary" :loading="dialog.busy" @click="save">保存</el-button>
      </template>
    </el-dialog>
  </el-card>`,
};
