// 用户管理: accounts with role and unit. Admins add, edit, disable and reset
// passwords; leaders see the list read-only.
import { get, post, put, can, formatTime, passwordRules } from '../api.js';
import { buildUnitTree } from './units.js';

export default {
  name: 'UsersPage',
  setup() {
    const { ref, reactive, computed, onMounted } = Vue;
    const users = ref([]);
    const roles = ref([]);
    const units = ref([]);
    const loading = ref(false);
    const editable = can('users.edit');
    const filter = reactive({ q: '', role: '' });

    const dialog = reactive({ open: false, editing: null, busy: false });
    const form = reactive({ name: '', display_name: '', role: 'reporter', unit_id: 0, phone: '', password: '', active: true });
    const formRef = ref(null);
    const pw = reactive({ open: false, user: null, password: '', busy: false });
    const pwRef = ref(null);

    const rules = computed(() => ({
      name: dialog.editing ? [] : [
        { required: true, message: '请输入用户名', trigger: 'blur' },
        { pattern: /^[A-Za-z0-9_.-]{2,32}$/, message: '用户名为 2–32 位字母、数字、下划线、点或短横线', trigger: 'blur' },
      ],
      display_name: [{ required: true, message: '请输入姓名', trigger: 'blur' }],
      role: [{ required: true, message: '请选择角色', trigger: 'change' }],
      password: dialog.editing ? [] : passwordRules('请设置初始密码'),
      phone: [{ pattern: /^[0-9+\- ]{0,20}$/, message: '电话号码格式不正确', trigger: 'blur' }],
    }));
    const pwRules = { password: passwordRules('请输入新密码') };

    const unitTree = computed(() => {
      const map = (nodes) => nodes.map((n) => ({ value: n.id, label: n.name, children: n.children ? map(n.children) : undefined }));
      return [{ value: 0, label: '（不属于具体单位）' }, ...map(buildUnitTree(units.value))];
    });
    const unitName = (row) => row.unit_name || (units.value.find((u) => u.id === row.unit_id) || {}).name || '';
    const roleLabel = (row) => row.role_label || (roles.value.find((r) => r.name === row.role) || {}).label || row.role;

    const shown = computed(() => users.value.filter((u) => {
      if (filter.role && u.role !== filter.role) return false;
      const q = filter.q.trim();
      return !q || u.name.includes(q) || (u.display_name || '').includes(q) || unitName(u).includes(q);
    }));

    async function load() {
      loading.value = true;
      try {
        const [u, r, un] = await Promise.all([get('/users'), get('/roles'), get('/units')]);
        users.value = u.users || [];
        roles.value = r.roles || [];
        units.value = un.units || [];
      } catch { /* shown */ } finally { loading.value = false; }
    }

    function openAdd() {
      dialog.editing = null;
      Object.assign(form, { name: '', display_name: '', role: 'reporter', unit_id: 0, phone: '', password: '', active: true });
      dialog.open = true;
      formRef.value?.clearValidate();
    }
    function openEdit(row) {
      dialog.editing = row;
      Object.assign(form, { name: row.name, display_name: row.display_name, role: row.role, unit_id: row.unit_id || 0,
        phone: row.phone || '', password: '', active: row.active !== false });
      dialog.open = true;
      formRef.value?.clearValidate();
    }
    async function save() {
      const valid = await formRef.value.validate().catch(() => false);
      if (!valid) return;
      dialog.busy = true;
      try {
        if (dialog.editing) {
          await put(`/users/${dialog.editing.id}`, { display_name: form.display_name.trim(), role: form.role,
            unit_id: form.unit_id || 0, phone: form.phone.trim(), active: form.active });
          ElementPlus.ElMessage.success('已保存');
        } else {
          await post('/users', { name: form.name.trim(), display_name: form.display_name.trim(), role: form.role,
            unit_id: form.unit_id || 0, phone: form.phone.trim(), password: form.password });
          ElementPlus.ElMessage.success('已新增用户');
        }
        dialog.open = false;
        await load();
      } catch { /* shown */ } finally { dialog.busy = false; }
    }
    function openPassword(row) {
      Object.assign(pw, { open: true, user: row, password: '', busy: false });
      pwRef.value?.clearValidate();
    }
    async function savePassword() {
      const valid = await pwRef.value.validate().catch(() => false);
      if (!valid) return;
      pw.busy = true;
      try {
        await post(`/users/${pw.user.id}/password`, { password: pw.password });
        ElementPlus.ElMessage.success(`已重置 ${pw.user.display_name || pw.user.name} 的密码`);
        pw.open = false;
      } catch { /* shown */ } finally { pw.busy = false; }
    }

    onMounted(load);
    return { users, roles, loading, editable, filter, shown, dialog, form, formRef, rules, unitTree, unitName,
      roleLabel, openAdd, openEdit, save, pw, pwRef, pwRules, openPassword, savePassword, formatTime };
  },
  template: `
  <el-card shadow="never" class="panel">
    <template #header>
      <div class="panel-header">
        <span class="panel-title">用户管理</span>
        <div>
          <el-tag v-if="!editable" type="info" size="small" class="readonly-tag">只读</el-tag>
          <el-button v-if="editable" type="primary" :icon="'Plus'" @click="openAdd">新增用户</el-button>
        </div>
      </div>
    </template>
    <div class="filters">
      <el-input v-model="filter.q" placeholder="按用户名、姓名或单位查找" clearable style="width: 260px" :prefix-icon="'Search'" />
      <el-select v-model="filter.role" placeholder="全部角色" clearable style="width: 160px">
        <el-option v-for="r in roles" :key="r.name" :value="r.name" :label="r.label" />
      </el-select>
      <span class="filter-count">共 {{ shown.length }} 人</span>
    </div>
    <el-table :data="shown" v-loading="loading" border stripe empty-text="暂无用户" data-testid="users-table">
      <el-table-column prop="name" label="用户名" width="120" />
      <el-table-column prop="display_name" label="姓名" width="120" />
      <el-table-column label="角色" width="110"><template #default="{ row }">{{ roleLabel(row) }}</template></el-table-column>
      <el-table-column label="所属单位" min-width="150"><template #default="{ row }">{{ unitName(row) }}</template></el-table-column>
      <el-table-column prop="phone" label="电话" width="130" />
      <el-table-column label="状态" width="80" align="center">
        <template #default="{ row }"><el-tag :type="row.active === false ? 'info' : 'success'" size="small">{{ row.active === false ? '停用' : '在用' }}</el-tag></template>
      </el-table-column>
      <el-table-column label="创建时间" width="170"><template #default="{ row }">{{ formatTime(row.created_at) }}</template></el-table-column>
      <el-table-column v-if="editable" label="操作" width="150" align="center" fixed="right">
        <template #default="{ row }">
          <el-button link type="primary" @click="openEdit(row)">编辑</el-button>
          <el-button link type="warning" @click="openPassword(row)">重置密码</el-button>
        </template>
      </el-table-column>
    </el-table>

    <el-dialog v-model="dialog.open" :title="dialog.editing ? '编辑用户' : '新增用户'" width="500px" :close-on-click-modal="false">
      <el-form ref="formRef" :model="form" :rules="rules" label-width="90px" @submit.prevent="save">
        <el-form-item label="用户名" prop="name">
          <el-input v-model="form.name" :disabled="!!dialog.editing" placeholder="登录用，如 zhangsan" autocomplete="off" />
        </el-form-item>
        <el-form-item label="姓名" prop="display_name"><el-input v-model="form.display_name" maxlength="40" /></el-form-item>
        <el-form-item label="角色" prop="role">
          <el-select v-model="form.role" style="width: 100%">
            <el-option v-for="r in roles" :key="r.name" :value="r.name" :label="r.label" />
          </el-select>
        </el-form-item>
        <el-form-item label="所属单位">
          <el-tree-select v-model="form.unit_id" :data="unitTree" check-strictly default-expand-all
                          :render-after-expand="false" style="width: 100%" />
        </el-form-item>
        <el-form-item label="电话" prop="phone"><el-input v-model="form.phone" maxlength="20" /></el-form-item>
        <el-form-item v-if="!dialog.editing" label="初始密码" prop="password">
          <el-input v-model="form.password" type="password" show-password autocomplete="new-password" />
        </el-form-item>
        <el-form-item v-else label="账号状态">
          <el-switch v-model="form.active" active-text="在用" inactive-text="停用" />
        </el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="dialog.open = false">取消</el-button>
        <el-button type="primary" :loading="dialog.busy" @click="save">保存</el-button>
      </template>
    </el-dialog>

    <el-dialog v-model="pw.open" title="重置密码" width="420px" :close-on-click-modal="false">
      <p class="dialog-note">为 {{ pw.user?.display_name || pw.user?.name }}（{{ pw.user?.name }}）设置新密码，请当面或电话告知本人，并提醒其登录后自行修改。</p>
      <el-form ref="pwRef" :model="pw" :rules="pwRules" label-width="80px" @submit.prevent="savePassword">
        <el-form-item label="新密码" prop="password">
          <el-input v-model="pw.password" type="password" show-password autocomplete="new-password" />
        </el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="pw.open = false">取消</el-button>
        <el-button type="primary" :loading="pw.busy" @click="savePassword">确定</el-button>
      </template>
    </el-dialog>
  </el-card>`,
};
