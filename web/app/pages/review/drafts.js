// 稿件: every draft with its channel, stage and status; filters by status,
// stage and channel, and "我的待办" (drafts waiting for the current user).
import { get, formatTime } from '../../api.js';
import { navigate } from '../../router.js';
import { STATUS_OPTIONS, STAGE_OPTIONS, statusTagType, statusText } from './common.js';

export default {
  name: 'ReviewDraftsPage',
  setup() {
    const { ref, reactive, onMounted, watch } = Vue;
    const drafts = ref([]);
    const channels = ref([]);
    const loading = ref(false);
    const filter = reactive({ view: 'todo', status: '', stage: '', channel_id: 0 });

    async function load() {
      loading.value = true;
      const q = new URLSearchParams();
      if (filter.view === 'todo') q.set('todo', '1');
      if (filter.view === 'mine') q.set('mine', '1');
      if (filter.status) q.set('status', filter.status);
      if (filter.stage) q.set('stage', filter.stage);
      if (filter.channel_id) q.set('channel_id', String(filter.channel_id));
      try {
        const r = await get('/review/drafts?' + q.toString());
        drafts.value = r.drafts || [];
      } catch { /* shown */ } finally { loading.value = false; }
    }
    async function loadChannels() {
      try { channels.value = (await get('/review/channels')).channels || []; } catch { /* shown */ }
    }
    const open = (row) => navigate(`/review/draft?id=${row.id}`);
    watch(filter, load);
    onMounted(() => { load(); loadChannels(); });
    return { drafts, channels, loading, filter, open, formatTime, statusTagType, statusText,
      STATUS_OPTIONS, STAGE_OPTIONS, navigate };
  },
  template: `
  <el-card shadow="never" class="panel">
    <template #header>
      <div class="panel-header">
        <span class="panel-title">稿件</span>
        <el-button type="primary" :icon="'Plus'" @click="navigate('/review/new')">新建稿件</el-button>
      </div>
    </template>
    <div class="filters">
      <el-radio-group v-model="filter.view" data-testid="draft-view">
        <el-radio-button value="todo">我的待办</el-radio-button>
        <el-radio-button value="mine">我提交的</el-radio-button>
        <el-radio-button value="all">全部稿件</el-radio-button>
      </el-radio-group>
      <el-select v-model="filter.status" placeholder="全部状态" clearable style="width: 150px">
        <el-option v-for="s in STATUS_OPTIONS" :key="s.value" :value="s.value" :label="s.label" />
      </el-select>
      <el-select v-model="filter.stage" placeholder="全部环节" clearable style="width: 120px">
        <el-option v-for="s in STAGE_OPTIONS" :key="s.value" :value="s.value" :label="s.label" />
      </el-select>
      <el-select v-model="filter.channel_id" placeholder="全部阵地" clearable style="width: 220px">
        <el-option :value="0" label="全部阵地" />
        <el-option v-for="c in channels" :key="c.id" :value="c.id" :label="c.name" />
      </el-select>
      <span class="filter-count">共 {{ drafts.length }} 篇</span>
    </div>
    <el-table :data="drafts" v-loading="loading" border stripe empty-text="暂无稿件" data-testid="drafts-table"
              @row-click="open" style="cursor: pointer">
      <el-table-column label="标题" min-width="260">
        <template #default="{ row }"><el-link type="primary" @click.stop="open(row)">{{ row.title }}</el-link></template>
      </el-table-column>
      <el-table-column prop="channel_name" label="阵地" min-width="170" />
      <el-table-column prop="author_name" label="作者" width="100" />
      <el-table-column label="状态" width="130" align="center">
        <template #default="{ row }"><el-tag :type="statusTagType(row.status)" size="small">{{ statusText(row) }}</el-tag></template>
      </el-table-column>
      <el-table-column label="检查问题" width="90" align="center">
        <template #default="{ row }"><span :style="{ color: row.finding_count ? '#f56c6c' : '#67c23a' }">{{ row.finding_count }}</span></template>
      </el-table-column>
      <el-table-column label="版本" width="70" align="center"><template #default="{ row }">第 {{ row.version_count }} 版</template></el-table-column>
      <el-table-column label="更新时间" width="170"><template #default="{ row }">{{ formatTime(row.updated_at) }}</template></el-table-column>
    </el-table>
  </el-card>`,
};
