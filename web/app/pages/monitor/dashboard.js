// 监测概览: volume trend, sentiment share, source mix, hot words, top events.
import { get } from '../../api.js';
import { navigate } from '../../router.js';
import { SENTIMENT_COLORS, SENTIMENT_LABELS, kindLabel, useChart } from './common.js';

export default {
  name: 'MonitorDashboard',
  setup() {
    const { ref, reactive, onMounted, nextTick } = Vue;
    const data = ref(null);
    const topics = ref([]);
    const loading = ref(false);
    const filter = reactive({ days: 7, topic_id: 0 });
    const trendEl = ref(null), sentiEl = ref(null), kindEl = ref(null);
    const drawTrend = useChart(trendEl), drawSenti = useChart(sentiEl), drawKind = useChart(kindEl);

    function draw() {
      const d = data.value;
      if (!d) return;
      drawTrend({
        tooltip: { trigger: 'axis' },
        legend: { data: ['负面', '中性', '正面'] },
        grid: { left: 40, right: 20, top: 40, bottom: 30 },
        xAxis: { type: 'category', data: d.trend.map((t) => t.day.slice(5)) },
        yAxis: { type: 'value', minInterval: 1 },
        series: ['negative', 'neutral', 'positive'].map((k) => ({
          name: SENTIMENT_LABELS[k], type: 'bar', stack: 'all', itemStyle: { color: SENTIMENT_COLORS[k] },
          data: d.trend.map((t) => t[k]),
        })),
      });
      drawSenti({
        tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
        series: [{ type: 'pie', radius: ['40%', '70%'],
          data: d.sentiment.map((s) => ({ name: SENTIMENT_LABELS[s.label], value: s.count, itemStyle: { color: SENTIMENT_COLORS[s.label] } })) }],
      });
      drawKind({
        tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
        series: [{ type: 'pie', radius: '65%', data: d.kinds.map((k) => ({ name: kindLabel(k.kind), value: k.count })) }],
      });
    }

    async function load() {
      loading.value = true;
      try {
        const q = `?days=${filter.days}` + (filter.topic_id ? `&topic_id=${filter.topic_id}` : '');
        data.value = await get('/monitor/dashboard' + q);
        await nextTick();
        draw();
      } catch { /* shown */ } finally { loading.value = false; }
    }
    onMounted(async () => {
      try { topics.value = (await get('/monitor/topics')).topics || []; } catch { /* shown */ }
      load();
    });
    const wordSize = (w, max) => 12 + Math.round(14 * (w.count / Math.max(1, max)));
    const openEvent = (e) => navigate(`/monitor/event?id=${e.id}`);
    const searchWord = (w) => navigate(`/monitor/search?q=${encodeURIComponent(w)}`);
    return { data, topics, loading, filter, load, trendEl, sentiEl, kindEl, wordSize, openEvent, searchWord };
  },
  template: `
  <div v-loading="loading" data-testid="monitor-dashboard">
    <el-card shadow="never" class="panel">
      <template #header>
        <div class="panel-header">
          <span class="panel-title">监测概览</span>
          <div style="display:flex; gap:8px">
            <el-select v-model="filter.topic_id" style="width:180px" @change="load">
              <el-option :value="0" label="全部方案" />
              <el-option v-for="t in topics" :key="t.id" :value="t.id" :label="t.name" />
            </el-select>
            <el-radio-group v-model="filter.days" @change="load">
              <el-radio-button :label="1">今天</el-radio-button>
              <el-radio-button :label="7">近 7 天</el-radio-button>
              <el-radio-button :label="30">近 30 天</el-radio-button>
            </el-radio-group>
          </div>
        </div>
      </template>
      <el-row :gutter="16" v-if="data">
        <el-col :span="6"><el-statistic title="信息总量" :value="data.items" /></el-col>
        <el-col :span="6"><el-statistic title="原创信息（去重后）" :value="data.stories" /></el-col>
        <el-col :span="6"><el-statistic title="负面信息" :value="data.negative" /></el-col>
        <el-col :span="6"><el-statistic title="事件" :value="data.events" /></el-col>
      </el-row>
    </el-card>
    <el-row :gutter="16">
      <el-col :span="14">
        <el-card shadow="never" class="panel"><template #header><span class="panel-title">信息量走势</span></template>
          <div ref="trendEl" style="height:260px" data-testid="trend-chart"></div></el-card>
      </el-col>
      <el-col :span="5">
        <el-card shadow="never" class="panel"><template #header><span class="panel-title">情感占比</span></template>
          <div ref="sentiEl" style="height:260px"></div></el-card>
      </el-col>
      <el-col :span="5">
        <el-card shadow="never" class="panel"><template #header><span class="panel-title">来源类型</span></template>
          <div ref="kindEl" style="height:260px"></div></el-card>
      </el-col>
    </el-row>
    <el-row :gutter="16" v-if="data">
      <el-col :span="14">
        <el-card shadow="never" class="panel"><template #header><span class="panel-title">热点事件</span></template>
          <el-table :data="data.top_events" empty-text="暂无事件" data-testid="top-events">
            <el-table-column label="事件" min-width="220">
              <template #default="{ row }"><el-link type="primary" @click="openEvent(row)">{{ row.title }}</el-link></template>
            </el-table-column>
            <el-table-column prop="item_count" label="信息数" width="80" align="center" />
            <el-table-column prop="outlet_count" label="来源数" width="80" align="center" />
            <el-table-column label="负面" width="70" align="center"><template #default="{ row }">{{ row.sentiment.negative }}</template></el-table-column>
            <el-table-column prop="heat" label="热度" width="80" align="center" />
          </el-table>
        </el-card>
      </el-col>
      <el-col :span="10">
        <el-card shadow="never" class="panel"><template #header><span class="panel-title">热词</span></template>
          <div style="line-height:2">
            <el-link v-for="w in data.hot_words.slice(0, 30)" :key="w.word" @click="searchWord(w.word)"
                     :style="{ fontSize: wordSize(w, data.hot_words[0].count) + 'px', marginRight: '12px' }">{{ w.word }}</el-link>
            <span v-if="!data.hot_words.length" class="panel-note">暂无数据</span>
          </div>
        </el-card>
        <el-card shadow="never" class="panel"><template #header><span class="panel-title">主要来源</span></template>
          <div v-for="o in data.outlets" :key="o.outlet" style="display:flex; justify-content:space-between; padding:2px 0">
            <span>{{ o.outlet }}</span><span class="panel-note">{{ o.count }} 条</span>
          </div>
        </el-card>
      </el-col>
    </el-row>
  </div>`,
};
