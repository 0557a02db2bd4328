// 风险评估事项 (#/system/assess-items): the scoring items of the four
// dimensions and their weights; the admin edits, the leader reads.
import { get, put, can } from '../../api.js';

export default {
  name: 'AssessItemsPage',
  setup() {
    const { ref, onMounted } = Vue;
    const items = ref([]);
    const dims = ref([]);
    const load = async () => {
      try {
        const r = await get('/assess/items');
        items.value = r.items;
        dims.value = r.dimensions;
      } catch { /* shown */ }
    };
    const save = async () => {
      try {
        const r = await put('/assess/items', { items: items.value.map(({ id, dimension, title, weight }) => ({ id, dimension, title, weight })) });
        items.value = r.items;
        ElementPlus.ElMessage.success('已保存');
      } catch { /* shown */ }
    };
    onMounted(load);
    return { items, dims, save, editable: () => can('assess.items.edit'),
      add: () => items.value.push({ id: 0, dimension: 'legality', title: '', weight: 10 }),
      remove: (i) => items.value.splice(i, 1),
      total: () => items.value.reduce((s, it) => s + Number(it.weight || 0), 0) };
  },
  template: `
  <el-card shadow="never" class="panel">
    <template #header><div class="panel-header"><span class="panel-title">风险评估事项与权重</span>
      <span v-if="editable()"><el-button @click="add">新增事项</el-button><el-button type="primary" @click="save">保存</el-button></span></div></template>
    <p style="color:#909399">加权得分 = Σ(权重 × 得分) ÷ Σ权重；删除的事项停用，已评估的记录不受影响。当前权重合计 {{ total() }}。</p>
    <el-table :data="items" size="small">
      <el-table-column label="维度" width="140"><template #default="{ row }">
        <el-select v-model="row.dimension" :disabled="!editable()" size="small"><el-option v-for="d in dims" :key="d.dimension" :value="d.dimension" :label="d.label" /></el-select></template></el-table-column>
      <el-table-column label="评估事项"><template #default="{ row }"><el-input v-model="row.title" :disabled="!editable()" size="small" /></template></el-table-column>
      <el-table-column label="权重" width="150"><template #default="{ row }"><el-input-number v-model="row.weight" :min="1" :max="100" :disabled="!editable()" size="small" /></template></el-table-column>
      <el-table-column v-if="editable()" width="80"><template #default="{ $index }"><el-button size="small" link type="danger" @click="remove($index)">删除</el-button></template></el-table-column>
    </el-table>
  </el-card>`,
};
