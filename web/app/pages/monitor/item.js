// 信息详情: one item with its text, analysis and the other copies of its story.
import { get, put, can, formatTime } from '../../api.js';
import { navigate, routeQuery } from '../../router.js';
import { SENTIMENT_LABELS, SENTIMENT_TAGS, kindLabel } from './common.js';
import { monitorItemToCase } from '../cases/common.js';

export default {
  name: 'MonitorItem',
  setup() {
    const { ref, onMounted, onBeforeUnmount } = Vue;
    const item = ref(null);
    const loading = ref(false);
    const editable = can('monitor.edit');
    const canCase = can('cases.create');
    const busy = ref(false);
    async function toCase() {
      busy.value = true;
      try { await monitorItemToCase(item.value); } catch { /* shown */ } finally { busy.value = false; }
    }
    async function load() {
      loading.value = true;
      try { item.value = await get(`/monitor/items/${Number(routeQuery().id || 0)}`); } catch { /* shown */ } finally { loading.value = false; }
    }
    async function correct(label) {
      try {
        await put(`/monitor/items/${item.value.id}/sentiment`, { label });
        ElementPlus.ElMessage.success(`已更正为${SENTIMENT_LABELS[label]}`);
        await load();
      } catch { /* shown */ }
    }
    // Links to other copies change only the query of this route.
    const onHash = () => { if (location.hash.startsWith('#/monitor/item')) load(); };
    onMounted(() => { load(); window.addEventListener('hashchange', onHash); });
    onBeforeUnmount(() => window.removeEventListener('hashchange', onHash));
    return { item, loading, editable, canCase, busy, toCase, correct, formatTime, navigate, kindLabel, SENTIMENT_LABELS, SENTIMENT_TAGS };
  },
  template: `
  <el-card shadow="never" class="panel" v-loading="loading">
    <template #header><div class="panel-header"><span class="panel-title">信息详情</span>
      <div><el-button @click="navigate('/monitor/search')">返回检索</el-button>
        <el-button v-if="canCase && item" type="danger" :loading="busy" @click="toCase" data-testid="item-to-case">转为处置事项</el-button></div></div></template>
    <div v-if="item">
      <h3 style="margin-top:0">{{ item.title }}</h3>
      <el-descriptions :column="3" border size="small">
        <el-descriptions-item label="来源">{{ item.outlet }}</el-descriptions-item>
        <el-descriptions-item label="类型">{{ kindLabel(item.kind) }}</el-descriptions-item>
        <el-descriptions-item label="发布时间">{{ formatTime(item.published_at) }}</el-descriptions-item>
        <el-descriptions-item label="网址" :span="3"><a v-if="item.url" :href="item.url" target="_blank" rel="noopener noreferrer">{{ item.url }}</a></el-descriptions-item>
        <el-descriptions-item label="情感">
          <el-tag :type="SENTIMENT_TAGS[item.sentiment]">{{ SENTIMENT_LABELS[item.sentiment] }}</el-tag>
          <span class="panel-note" v-if="item.sentiment_corrected">（已人工更正）</span>
        </el-descriptions-item>
        <el-descriptions-item label="关键词">{{ item.keywords.join('、') }}</el-descriptions-item>
        <el-descriptions-item label="事件"><el-link v-if="item.event_id" type="primary" @click="navigate('/monitor/event?id=' + item.event_id)">查看事件</el-link><span v-else>—</span></el-descriptions-item>
      </el-descriptions>
      <div v-if="editable" style="margin:12px 0">更正情感：
        <el-button v-for="(l, k) in SENTIMENT_LABELS" :key="k" size="small" :type="item.sentiment === k ? 'primary' : 'default'" @click="correct(k)">{{ l }}</el-button>
      </div>
      <p style="white-space:pre-wrap; line-height:1.8">{{ item.body }}</p>
      <el-divider content-position="left">同一内容的其他转载（{{ item.copies.length }}）</el-divider>
      <el-table :data="item.copies" size="small" empty-text="暂无转载">
        <el-table-column prop="outlet" label="来源" width="160" />
        <el-table-column label="标题"><template #default="{ row }"><el-link @click="navigate('/monitor/item?id=' + row.id)">{{ row.title }}</el-link></template></el-table-column>
        <el-table-column label="发布时间" width="170"><template #default="{ row }">{{ formatTime(row.published_at) }}</template></el-table-column>
      </el-table>
    </div>
  </el-card>`,
};
