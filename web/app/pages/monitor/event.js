// 事件详情: timeline chart, outlets, sentiment mix, the items; editors can
// turn the event into a case (处置事项).
import { get, post, can, formatTime } from '../../api.js';
import { navigate, routeQuery } from '../../router.js';
import { SENTIMENT_COLORS, SENTIMENT_LABELS, SENTIMENT_TAGS, kindLabel, useChart } from './common.js';

export default {
  name: 'MonitorEvent',
  setup() {
    const { ref, onMounted, nextTick } = Vue;
    const ev = ref(null);
    const items = ref([]);
    const loading = ref(false);
    const busy = ref(false);
    const canCase = can('monitor.edit');
    const timelineEl = ref(null), mixEl = ref(null);
    const drawTimeline = useChart(timelineEl), drawMix = useChart(mixEl);
    const id = Number(routeQuery().id || 0);

    function draw() {
      const e = ev.value;
      const fmt = (s) => formatTime(s).slice(e.bucket_seconds >= 86400 ? 5 : 5, e.bucket_seconds >= 86400 ? 10 : 16);
      drawTimeline({
        tooltip: { trigger: 'axis' },
        legend: { data: ['信息量', '其中负面'] },
        grid: { left: 40, right: 20, top: 40, bottom: 30 },
        xAxis: { type: 'category', data: e.timeline.map((b) => fmt(b.start)) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          { name: '信息量', type: 'line', smooth: true, areaStyle: {}, data: e.timeline.map((b) => b.items) },
          { name: '其中负面', type: 'line', smooth: true, itemStyle: { color: SENTIMENT_COLORS.negative }, data: e.timeline.map((b) => b.negative) },
        ],
      });
      drawMix({
        tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
        series: [{ type: 'pie', radius: ['40%', '70%'], data: Object.entries(e.sentiment).map(([k, v]) => ({
          name: SENTIMENT_LABELS[k], value: v, itemStyle: { color: SENTIMENT_COLORS[k] } })) }],
      });
    }
    async function load() {
      loading.value = true;
      try {
        ev.value = await get(`/monitor/events/${id}`);
        items.value = (await get(`/monitor/items?event_id=${id}&limit=200`)).items || [];
        await nextTick();
        draw();
      } catch { /* shown */ } finally { loading.value = false; }
    }
    async function toCase() {
      const e = ev.value;
      const neg = e.sentiment.negative;
      const description = `监测事件：${e.title}\n首发：${e.first_outlet}（${formatTime(e.first_seen)}）\n`
        + `信息 ${e.item_count} 条，来源 ${e.outlet_count} 个，负面 ${neg} 条，热度 ${e.heat}。\n关键词：${e.keywords}`;
      busy.value = true;
      try {
        const r = await post('/cases', { origin: 'monitor_event', origin_ref: String(e.id), title: e.title, description });
        ElementPlus.ElMessage.success('已转为处置事项');
        if (r && r.id) navigate(`/cases/detail?id=${r.id}`);
      } catch { /* the server's message is shown by api.js */ } finally { busy.value = false; }
    }
    onMounted(load);
    return { ev, items, loading, busy, canCase, toCase, timelineEl, mixEl, formatTime, navigate, kindLabel,
      SENTIMENT_LABELS, SENTIMENT_TAGS };
  },
  template: `
  <div v-loading="loading" data-testid="monitor-event">
    <el-card shadow="never" class="panel">
      <template #header><div class="panel-header"><span class="panel-title">事件详情</span>
        <div><el-button @click="navigate('/monitor/events')">返回事件列表</el-button>
          <el-button v-if="canCase && ev" type="danger" :loading="busy" @click="toCase" data-testid="to-case">转为处置事项</el-button></div></div></template>
      <div v-if="ev">
        <h3 style="margin-top:0" data-testid="event-title">{{ ev.title }}</h3>
        <el-descriptions :column="4" border size="small">
          <el-descriptions-item label="首发来源">{{ ev.first_outlet }}</el-descriptions-item>
          <el-descriptions-item label="首发时间">{{ formatTime(ev.first_seen) }}</el-descriptions-item>
          <el-descriptions-item label="最新时间">{{ formatTime(ev.last_seen) }}</el-descriptions-item>
          <el-descriptions-item label="热度">{{ ev.heat }}</el-descriptions-item>
          <el-descriptions-item label="信息数">{{ ev.item_count }}（原创 {{ ev.story_count }}）</el-descriptions-item>
          <el-descriptions-item label="来源数">{{ ev.outlet_count }}</el-descriptions-item>
          <el-descriptions-item label="关键词" :span="2">{{ ev.keywords }}</el-descriptions-item>
        </el-descriptions>
      </div>
    </el-card>
    <el-row :gutter="16" v-if="ev">
      <el-col :span="16"><el-card shadow="never" class="panel"><template #header><span class="panel-title">传播时间线</span></template>
        <div ref="timelineEl" style="height:260px" data-testid="event-timeline"></div></el-card></el-col>
      <el-col :span="8"><el-card shadow="never" class="panel"><template #header><span class="panel-title">情感构成</span></template>
        <div ref="mixEl" style="height:260px"></div></el-card></el-col>
    </el-row>
    <el-row :gutter="16" v-if="ev">
      <el-col :span="8"><el-card shadow="never" class="panel"><template #header><span class="panel-title">来源</span></template>
        <el-table :data="ev.outlets" size="small">
          <el-table-column prop="outlet" label="来源" />
          <el-table-column prop="items" label="信息" width="60" align="center" />
          <el-table-column label="最早" width="140"><template #default="{ row }">{{ formatTime(row.first_seen).slice(5, 16) }}</template></el-table-column>
        </el-table></el-card></el-col>
      <el-col :span="16"><el-card shadow="never" class="panel"><template #header><span class="panel-title">相关信息</span></template>
        <el-table :data="items" size="small" max-height="420">
          <el-table-column label="标题" min-width="240"><template #default="{ row }">
            <el-link @click="navigate('/monitor/item?id=' + row.id)">{{ row.title }}</el-link>
            <el-tag v-if="row.dup_of" size="small" type="info" style="margin-left:4px">转载</el-tag></template></el-table-column>
          <el-table-column prop="outlet" label="来源" width="120" />
          <el-table-column label="时间" width="140"><template #default="{ row }">{{ formatTime(row.published_at).slice(5, 16) }}</template></el-table-column>
          <el-table-column label="情感" width="70"><template #default="{ row }"><el-tag size="small" :type="SENTIMENT_TAGS[row.sentiment]">{{ SENTIMENT_LABELS[row.sentiment] }}</el-tag></template></el-table-column>
        </el-table></el-card></el-col>
    </el-row>
  </div>`,
};
