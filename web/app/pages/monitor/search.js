// 信息检索: full-text search over stored items with filters; editors can
// correct an item's sentiment in place (corrections feed model training).
import { get, put, can, formatTime } from '../../api.js';
import { navigate, routeQuery } from '../../router.js';
import { SENTIMENT_LABELS, SENTIMENT_TAGS, kindLabel, KIND_LABELS } from './common.js';

export default {
  name: 'MonitorSearch',
  setup() {
    const { ref, reactive, onMounted } = Vue;
    const query = routeQuery();
    const filter = reactive({ q: query.q || '', topic_id: Number(query.topic_id || 0), sentiment: query.sentiment || '',
      kind: '', range: null, copies: true });
    const page = reactive({ items: [], total: 0, exhaustive: true, offset: 0, limit: 20 });
    const topics = ref([]);
    const loading = ref(false);
    const searched = ref(false);
    const editable = can('monitor.edit');

    async function search(resetOffset = true) {
      if (resetOffset) page.offset = 0;
      loading.value = true;
      try {
        const p = new URLSearchParams();
        if (filter.q.trim()) p.set('q', filter.q.trim());
        if (filter.topic_id) p.set('topic_id', filter.topic_id);
        if (filter.sentiment) p.set('sentiment', filter.sentiment);
        if (filter.kind) p.set('kind', filter.kind);
        if (filter.range && filter.range[0]) {
          p.set('from', filter.range[0].toISOString().replace(/\.\d+Z$/, 'Z'));
          p.set('to', new Date(filter.range[1].getTime() + 86400000).toISOString().replace(/\.\d+Z$/, 'Z'));
        }
        if (!filter.copies) p.set('copies', '0');
        p.set('limit', page.limit);
        p.set('offset', page.offset);
        const r = await get('/monitor/items?' + p.toString());
        Object.assign(page, { items: r.items || [], total: r.total, exhaustive: r.exhaustive });
        searched.value = true;
      } catch { /* shown */ } finally { loading.value = false; }
    }
    async function correct(row, label) {
      try {
        const r = await put(`/monitor/items/${row.id}/sentiment`, { label });
        Object.assign(row, r);
        ElementPlus.ElMessage.success(`已更正为${SENTIMENT_LABELS[label]}，将用于改进情感模型`);
      } catch { /* shown */ }
    }
    const topicName = (id) => (topics.value.find((t) => t.id === id) || {}).name || `方案${id}`;
    onMounted(async () => {
      try { topics.value = (await get('/monitor/topics')).topics || []; } catch { /* shown */ }
      search();
    });
    const changePage = (n) => { page.offset = (n - 1) * page.limit; search(false); };
    return { filter, page, topics, loading, searched, editable, search, correct, changePage, topicName, formatTime,
      navigate, SENTIMENT_LABELS, SENTIMENT_TAGS, KIND_LABELS, kindLabel };
  },
  template: `
  <el-card shadow="never" class="panel">
    <template #header><div class="panel-header"><span class="panel-title">信息检索</span>
      <span class="panel-note">支持词语、短语和任意连续字串；多个词用空格分开，须同时出现；繁体、全角自动归一</span></div></template>
    <div class="filters" style="display:flex; flex-wrap:wrap; gap:8px; margin-bottom:12px">
      <el-input v-model="filter.q" placeholder="输入检索词，如：锦绣花园 暖气" clearable style="width:280px"
                @keyup.enter="search()" data-testid="monitor-search-input" />
      <el-select v-model="filter.topic_id" style="width:160px"><el-option :value="0" label="全部方案" />
        <el-option v-for="t in topics" :key="t.id" :value="t.id" :label="t.name" /></el-select>
      <el-select v-model="filter.sentiment" placeholder="全部情感" clearable style="width:110px">
        <el-option v-for="(l, k) in SENTIMENT_LABELS" :key="k" :value="k" :label="l" /></el-select>
      <el-select v-model="filter.kind" placeholder="全部类型" clearable style="width:110px">
        <el-option v-for="(l, k) in KIND_LABELS" :key="k" :value="k" :label="l" /></el-select>
      <el-date-picker v-model="filter.range" type="daterange" start-placeholder="开始日期" end-placeholder="结束日期" style="width:260px" />
      <el-checkbox v-model="filter.copies">含转载</el-checkbox>
      <el-button type="primary" :icon="'Search'" @click="search()" data-testid="monitor-search-button">检索</el-button>
    </div>
    <div v-if="searched" class="panel-note" style="margin-bottom:8px">共 {{ page.total }} 条<span v-if="!page.exhaustive">（较早的信息中仅检索了分词索引命中的部分）</span></div>
    <el-table :data="page.items" v-loading="loading" border stripe empty-text="没有找到相关信息" data-testid="monitor-results">
      <el-table-column label="标题" min-width="300">
        <template #default="{ row }">
          <el-link type="primary" @click="navigate('/monitor/item?id=' + row.id)">{{ row.title || '（无标题）' }}</el-link>
          <el-tag v-if="row.dup_of" size="small" type="info" style="margin-left:6px">转载</el-tag>
          <el-tag v-if="row.copies" size="small" style="margin-left:6px">被转 {{ row.copies }}</el-tag>
          <div class="panel-note">{{ row.snippet }}</div>
          <div><el-tag v-for="t in row.topic_ids" :key="t" size="small" effect="plain" style="margin-right:4px">{{ topicName(t) }}</el-tag></div>
        </template>
      </el-table-column>
      <el-table-column prop="outlet" label="来源" width="130" />
      <el-table-column label="类型" width="70"><template #default="{ row }">{{ kindLabel(row.kind) }}</template></el-table-column>
      <el-table-column label="发布时间" width="160"><template #default="{ row }">{{ formatTime(row.published_at) }}</template></el-table-column>
      <el-table-column label="情感" width="120" align="center">
        <template #default="{ row }">
          <el-dropdown v-if="editable" trigger="click" @command="(l) => correct(row, l)">
            <el-tag :type="SENTIMENT_TAGS[row.sentiment]" style="cursor:pointer">{{ SENTIMENT_LABELS[row.sentiment] }}<span v-if="row.sentiment_corrected">（已更正）</span> ▾</el-tag>
            <template #dropdown><el-dropdown-menu>
              <el-dropdown-item v-for="(l, k) in SENTIMENT_LABELS" :key="k" :command="k">更正为{{ l }}</el-dropdown-item>
            </el-dropdown-menu></template>
          </el-dropdown>
          <el-tag v-else :type="SENTIMENT_TAGS[row.sentiment]">{{ SENTIMENT_LABELS[row.sentiment] }}</el-tag>
        </template>
      </el-table-column>
      <el-table-column label="事件" width="70" align="center">
        <template #default="{ row }"><el-link v-if="row.event_id" type="primary" @click="navigate('/monitor/event?id=' + row.event_id)">查看</el-link></template>
      </el-table-column>
    </el-table>
    <el-pagination v-if="page.total > page.limit" style="margin-top:12px" layout="prev, pager, next"
                   :total="page.total" :page-size="page.limit" :current-page="page.offset / page.limit + 1" @current-change="changePage" />
  </el-card>`,
};
