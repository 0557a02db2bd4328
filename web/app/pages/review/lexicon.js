// 词库: the organization's own terms (category, severity, suggestion) on top
// of the shipped lexicons, and its whitelist (added here or by ticking
// 加入白名单 when dismissing a finding). The checker reloads on every change.
import { get, post, del, can } from '../../api.js';
import { CATEGORIES, SEVERITIES } from './common.js';

export default {
  name: 'ReviewLexiconPage',
  setup() {
    const { ref, reactive, onMounted } = Vue;
    const terms = ref([]);
    const whitelist = ref([]);
    const builtin = ref(0);
    const loading = ref(false);
    const canDelete = can('review.lexicon.delete');
    const term = reactive({ term: '', category: 'term', severity: 'warning', suggestion: '', note: '', busy: false });
    const phrase = reactive({ phrase: '', busy: false });

    async function load() {
      loading.value = true;
      try {
        const r = await get('/review/lexicon');
        terms.value = r.terms || [];
        whitelist.value = r.whitelist || [];
        builtin.value = r.builtin_terms || 0;
      } catch { /* shown */ } finally { loading.value = false; }
    }
    async function addTerm() {
      if (!term.term.trim()) return ElementPlus.ElMessage.warning('请填写词语');
      term.busy = true;
      try {
        await post('/review/lexicon/terms', { term: term.term.trim(), category: term.category, severity: term.severity,
          suggestion: term.suggestion.trim(), note: term.note.trim() });
        ElementPlus.ElMessage.success('已加入词库，今后提交的稿件将按此检查');
        Object.assign(term, { term: '', suggestion: '', note: '' });
        await load();
      } catch { /* shown */ } finally { term.busy = false; }
    }
    async function addPhrase() {
      if (!phrase.phrase.trim()) return ElementPlus.ElMessage.warning('请填写短语');
      phrase.busy = true;
      try {
        await post('/review/lexicon/whitelist', { phrase: phrase.phrase.trim() });
        ElementPlus.ElMessage.success('已加入白名单');
        phrase.phrase = '';
        await load();
      } catch { /* shown */ } finally { phrase.busy = false; }
    }
    async function removeTerm(row) {
      try { await del(`/review/lexicon/terms/${row.id}`); await load(); } catch { /* shown */ }
    }
    async function removePhrase(row) {
      try { await del(`/review/lexicon/whitelist/${row.id}`); await load(); } catch { /* shown */ }
    }
    onMounted(load);
    return { terms, whitelist, builtin, loading, canDelete, term, phrase, addTerm, addPhrase, removeTerm, removePhrase,
      CATEGORIES, SEVERITIES };
  },
  template: `
  <div v-loading="loading">
    <el-card shadow="never" class="panel">
      <template #header><div class="panel-header"><span class="panel-title">本单位词条</span>
        <span class="panel-note">系统内置词条 {{ builtin }} 条；此处添加本单位需要提示的用语（如已更名的本地机构）</span></div></template>
      <div class="filters">
        <el-input v-model="term.term" placeholder="词语" style="width: 180px" data-testid="term-input" />
        <el-select v-model="term.category" style="width: 120px"><el-option v-for="c in CATEGORIES" :key="c.value" :value="c.value" :label="c.label" /></el-select>
        <el-select v-model="term.severity" style="width: 90px"><el-option v-for="s in SEVERITIES" :key="s.value" :value="s.value" :label="s.label" /></el-select>
        <el-input v-model="term.suggestion" placeholder="修改建议" style="width: 180px" />
        <el-input v-model="term.note" placeholder="说明（可选）" style="width: 200px" />
        <el-button type="primary" :loading="term.busy" @click="addTerm">添加</el-button>
      </div>
      <el-table :data="terms" border stripe empty-text="暂无本单位词条" size="small">
        <el-table-column prop="term" label="词语" min-width="140" />
        <el-table-column prop="category_label" label="类别" width="100" />
        <el-table-column prop="severity_label" label="程度" width="70" />
        <el-table-column prop="suggestion" label="修改建议" min-width="140" />
        <el-table-column prop="note" label="说明" min-width="160" />
        <el-table-column prop="created_by" label="添加人" width="100" />
        <el-table-column v-if="canDelete" label="" width="70"><template #default="{ row }"><el-button link type="danger" @click="removeTerm(row)">删除</el-button></template></el-table-column>
      </el-table>
    </el-card>
    <el-card shadow="never" class="panel">
      <template #header><div class="panel-header"><span class="panel-title">白名单</span>
        <span class="panel-note">包含在这些短语中的用语不再提示；审核时标记“无需修改”并勾选“加入白名单”也会记入此处</span></div></template>
      <div class="filters">
        <el-input v-model="phrase.phrase" placeholder="短语，如 本单位专有名称" style="width: 300px" />
        <el-button type="primary" :loading="phrase.busy" @click="addPhrase">添加</el-button>
      </div>
      <el-table :data="whitelist" border stripe empty-text="暂无白名单" size="small">
        <el-table-column prop="phrase" label="短语" min-width="200" />
        <el-table-column prop="source" label="来源" width="100" />
        <el-table-column prop="created_by" label="添加人" width="100" />
        <el-table-column v-if="canDelete" label="" width="70"><template #default="{ row }"><el-button link type="danger" @click="removePhrase(row)">删除</el-button></template></el-table-column>
      </el-table>
    </el-card>
  </div>`,
};
