// 审计日志: the append-only audit chain, newest first, filtered by object type
// and paged by offset (the API returns no total, so paging is previous/next).
import { get, formatTime, actionLabel, entityLabel, ENTITY_LABELS } from '../api.js';

export default {
  name: 'AuditPage',
  setup() {
    const { ref, reactive, onMounted } = Vue;
    const entries = ref([]);
    const loading = ref(false);
    const q = reactive({ entity: '', limit: 50, offset: 0 });
    const hasMore = ref(false);
    const entities = Object.entries(ENTITY_LABELS).map(([value, label]) => ({ value, label }));

    async function load() {
      loading.value = true;
      try {
        const params = new URLSearchParams({ limit: String(q.limit), offset: String(q.offset) });
        if (q.entity) params.set('entity', q.entity);
        const r = await get('/audit?' + params.toString());
        entries.value = r.entries || [];
        hasMore.value = entries.value.length >= q.limit;
      } catch { /* shown */ } finally { loading.value = false; }
    }
    function search() { q.offset = 0; load(); }
    function prev() { q.offset = Math.max(0, q.offset - q.limit); load(); }
    function next() { q.offset += q.limit; load(); }

    const pretty = (v) => {
      if (v === null || v === undefined) return '（无）';
      if (typeof v === 'string') {
        try { return JSON.stringify(JSON.parse(v), null, 2); } catch { return v; }
      }
      return JSON.stringify(v, null, 2);
    };

    onMounted(load);
    return { entries, loading, q, hasMore, entities, search, prev, next, pretty, formatTime, actionLabel, entityLabel };
  },
  template: `
  <el-card shadow="never" class="panel">
    <template #header>
      <div class="panel-header">
        <span class="panel-title">审计日志</span>
        <span class="panel-note">所有变更按时间倒序记录，记录链防篡改，不可修改或删除。</span>
      </div>
    </template>
    <div class="filters">
      <el-select v-model="q.entity" placeholder="全部对象" clearable style="width: 160px" @change="search">
        <el-option v-for="e in entities" :key="e.value" :value="e.value" :label="e.label" />
      </el-select>
      <el-select v-model="q.limit" style="width: 120px" @change="search">
        <el-option :value="20" label="每页 20 条" />
        <el-option :value="50" label="每页 50 条" />
        <el-option :value="100" label="每页 100 条" />
      </el-select>
      <el-button :icon="'Refresh'" @click="load">刷新</el-button>
    </div>
    <el-table :data="entries" v-loading="loading" border stripe row-key="id" empty-text="暂无记录" data-testid="audit-table">
      <el-table-column type="expand">
        <template #default="{ row }">
          <div class="audit-diff">
            <div><div class="diff-title">变更前</div><pre>{{ pretty(row.before) }}</pre></div>
            <div><div class="diff-title">变更后</div><pre>{{ pretty(row.after) }}</pre></div>
          </div>
        </template>
      </el-table-column>
      <el-table-column prop="id" label="序号" width="80" />
      <el-table-column label="时间" width="180"><template #default="{ row }">{{ formatTime(row.at) }}</template></el-table-column>
      <el-table-column prop="actor_name" label="操作人" width="140" />
      <el-table-column label="操作" width="110"><template #default="{ row }">{{ actionLabel(row.action) }}</template></el-table-column>
      <el-table-column label="对象" width="120"><template #default="{ row }">{{ entityLabel(row.entity) }}</template></el-table-column>
      <el-table-column prop="entity_id" label="对象编号" min-width="100" />
    </el-table>
    <div class="pager">
      <span>第 {{ q.offset + 1 }}–{{ q.offset + entries.length }} 条</span>
      <el-button :disabled="q.offset === 0" @click="prev">上一页</el-button>
      <el-button :disabled="!hasMore" @click="next">下一页</el-button>
    </div>
  </el-card>`,
};
