// 组织机构: the unit tree (departments, villages, communities, ...). Admins add,
// edit and delete; leaders see it read-only.
import { get, post, put, del, can } from '../api.js';

const KINDS = [
  { value: 'department', label: '部门' },
  { value: 'village', label: '村' },
  { value: 'community', label: '社区' },
  { value: 'school', label: '学校' },
  { value: 'enterprise', label: '企业' },
  { value: 'other', label: '其他' },
];
const kindLabel = (k) => (KINDS.find((x) => x.value === k) || {}).label || k;

// Flat list -> tree ordered by sort_order then id; orphans go to the top level
// so nothing is ever hidden.
export function buildUnitTree(units) {
  const byId = new Map(units.map((u) => [u.id, { ...u, children: [] }]));
  const roots = [];
  for (const u of byId.values()) {
    const parent = u.parent_id ? byId.get(u.parent_id) : null;
    (parent ? parent.children : roots).push(u);
  }
  const sort = (list) => {
    list.sort((a, b) => (a.sort_order - b.sort_order) || (a.id - b.id));
    list.forEach((n) => { if (n.children.length) sort(n.children); else delete n.children; });
  };
  sort(roots);
  return roots;
}

export default {
  name: 'UnitsPage',
  setup() {
    const { ref, reactive, computed, onMounted } = Vue;
    const units = ref([]);
    const loading = ref(false);
    const editable = can('units.edit');
    const dialog = reactive({ open: false, editing: null, busy: false });
    const form = reactive({ parent_id: 0, name: '', kind: 'department', sort_order: 0 });
    const formRef = ref(null);
    const rules = {
      name: [{ required: true, message: '请输入单位名称', trigger: 'blur' },
        { max: 60, message: '名称不超过 60 个字', trigger: 'blur' }],
      kind: [{ required: true, message: '请选择类型', trigger: 'change' }],
    };

    const tree = computed(() => buildUnitTree(units.value));
    // Parent choices: everything except the unit being edited and its subtree.
    const parentChoices = computed(() => {
      const skip = dialog.editing ? dialog.editing.id : null;
      const strip = (nodes) => nodes.filter((n) => n.id !== skip).map((n) => ({
        value: n.id, label: n.name, children: n.children ? strip(n.children) : undefined,
      }));
      return [{ value: 0, label: '（顶级单位）' }, ...strip(tree.value)];
    });

    async function load() {
      loading.value = true;
      try {
        const r = await get('/units');
        units.value = r.units || [];
      } catch { /* shown */ } finally { loading.value = false; }
    }

    function openAdd(parent) {
      dialog.editing = null;
      Object.assign(form, { parent_id: parent ? parent.id : 0, name: '', kind: 'department', sort_order: 0 });
      dialog.open = true;
      formRef.value?.clearValidate();
    }
    function openEdit(row) {
      dialog.editing = row;
      Object.assign(form, { parent_id: row.parent_id || 0, name: row.name, kind: row.kind, sort_order: row.sort_order });
      dialog.open = true;
      formRef.value?.clearValidate();
    }
    async function save() {
      const valid = await formRef.value.validate().catch(() => false);
      if (!valid) return;
      dialog.busy = true;
      const body = { parent_id: form.parent_id || 0, name: form.name.trim(), kind: form.kind,
        sort_order: Number(form.sort_order) || 0 };
      try {
        if (dialog.editing) {
          await put(`/units/${dialog.editing.id}`, { ...body, active: true });
          ElementPlus.ElMessage.success('已保存');
        } else {
          await post('/units', body);
          ElementPlus.ElMessage.success('已新增单位');
        }
        dialog.open = false;
        await load();
      } catch { /* shown */ } finally { dialog.busy = false; }
    }
    async function remove(row) {
      try {
        await ElementPlus.ElMessageBox.confirm(`确定删除“${row.name}”吗？删除后不可恢复。`, '删除单位',
          { type: 'warning', confirmButtonText: '删除', cancelButtonText: '取消' });
      } catch { return; }
      try {
        await del(`/units/${row.id}`);
        ElementPlus.ElMessage.success('已删除');
        await load();
      } catch { /* shown */ }
    }

    onMounted(load);
    return { tree, loading, editable, dialog, form, formRef, rules, KINDS, kindLabel, parentChoices,
      openAdd, openEdit, save, remove, units };
  },
  template: `
  <el-card shadow="never" class="panel">
    <template #header>
      <div class="panel-header">
        <span class="panel-title">组织机构</span>
        <div>
          <el-tag v-if="!editable" type="info" size="small" class="readonly-tag">只读</el-tag>
          <el-button v-if="editable" type="primary" :icon="'Plus'" @click="openAdd(null)">新增顶级单位</el-button>
        </div>
      </div>
    </template>
    <el-table :data="tree" row-key="id" v-loading="loading" default-expand-all border size="default"
              empty-text="暂无单位" data-testid="units-table" :tree-props="{ children: 'children' }">
      <el-table-column prop="name" label="单位名称" min-width="240" />
      <el-table-column label="类型" width="110"><template #default="{ row }">{{ row.kind_label || kindLabel(row.kind) }}</template></el-table-column>
      <el-table-column prop="sort_order" label="排序" width="80" align="center" />
      <el-table-column label="状态" width="90" align="center">
        <template #default="{ row }"><el-tag :type="row.active === false ? 'info' : 'success'" size="small">{{ row.active === false ? '停用' : '在用' }}</el-tag></template>
      </el-table-column>
      <el-table-column v-if="editable" label="操作" width="230" align="center">
        <template #default="{ row }">
          <el-button link type="primary" @click="openAdd(row)">新增下级</el-button>
          <el-button link type="primary" @click="openEdit(row)">编辑</el-button>
          <el-button link type="danger" @click="remove(row)">删除</el-button>
        </template>
      </el-table-column>
    </el-table>

    <el-dialog v-model="dialog.open" :title="dialog.editing ? '编辑单位' : '新增单位'" width="480px" :close-on-click-modal="false">
      <el-form ref="formRef" :model="form" :rules="rules" label-width="90px" @submit.prevent="save">
        <el-form-item label="上级单位">
          <el-tree-select v-model="form.parent_id" :data="parentChoices" check-strictly default-expand-all
                          :render-after-expand="false" style="width: 100%" />
        </el-form-item>
        <el-form-item label="单位名称" prop="name"><el-input v-model="form.name" maxlength="60" /></el-form-item>
        <el-form-item label="类型" prop="kind">
          <el-select v-model="form.kind" style="width: 100%">
            <el-option v-for="k in KINDS" :key="k.value" :value="k.value" :label="k.label" />
          </el-select>
        </el-form-item>
        <el-form-item label="排序号"><el-input-number v-model="form.sort_order" :min="0" :max="9999" /></el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="dialog.open = false">取消</el-button>
        <el-button type="primary" :loading="dialog.busy" @click="save">保存</el-button>
      </template>
    </el-dialog>
  </el-card>`,
};
