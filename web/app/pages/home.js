// 首页: organization, counts, module status, a chart and the latest audit
// entries. Users per role (admin/leader, who may list users) or, for other
// roles, recent activity by action, drawn with ECharts.
import { get, can, session, formatTime, actionLabel, entityLabel } from '../api.js';
import { navigate } from '../router.js';

const MODULE_DESCRIPTIONS = {
  review: '稿件自动检查与三级审核',
  monitor: '公开信息收集、去重与事件提醒',
  cases: '事项签收、答复、办结与督办',
  duty: '责任制台账与零报告',
  reports: '工作报告自动起草（Word）',
};
const MODULE_ICONS = {
  review: 'DocumentChecked', monitor: 'Monitor', cases: 'Finished', duty: 'Notebook', reports: 'Document',
};
const MODULE_PATHS = { review: '/review', monitor: '/monitor', cases: '/cases', duty: '/duty', reports: '/reports' };

export default {
  name: 'HomePage',
  emits: ['org-changed'],
  setup(_props, { emit }) {
    const { ref, onMounted, onBeforeUnmount, nextTick } = Vue;
    const data = ref(null);
    const loading = ref(true);
    const chartEl = ref(null);
    const chartTitle = ref('');
    let chart = null;

    function drawUsersByRole(users) {
      const counts = new Map();
      for (const u of users) {
        if (u.active === false) continue;
        const label = u.role_label || u.role;
        counts.set(label, (counts.get(label) || 0) + 1);
      }
      chartTitle.value = '在用账号角色分布';
      const names = [...counts.keys()];
      return {
        color: ['#1f5fa8', '#3c8dbc', '#5fb0a5', '#e6a23c', '#909399', '#b05f6d'],
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        grid: { left: 40, right: 16, top: 16, bottom: 28 },
        xAxis: { type: 'category', data: names, axisTick: { show: false }, axisLabel: { interval: 0 } },
        yAxis: { type: 'value', minInterval: 1 },
        series: [{
          type: 'bar', name: '账号数', barMaxWidth: 36,
          data: names.map((n) => counts.get(n)),
          itemStyle: { borderRadius: [3, 3, 0, 0] },
          label: { show: true, position: 'top' },
        }],
      };
    }

    function drawActivity(entries) {
      const counts = new Map();
      for (const e of entries) {
        const label = entityLabel(e.entity);
        counts.set(label, (counts.get(label) || 0) + 1);
      }
      chartTitle.value = '近期操作分布（按对象）';
      return {
        color: ['#1f5fa8', '#3c8dbc', '#5fb0a5', '#e6a23c', '#909399', '#b05f6d'],
        tooltip: { trigger: 'item', formatter: '{b}：{c} 条（{d}%）' },
        legend: { bottom: 0, icon: 'circle' },
        series: [{
          type: 'pie', radius: ['40%', '68%'], center: ['50%', '44%'],
          data: [...counts].map(([name, value]) => ({ name, value })),
          label: { formatter: '{b} {c}' },
        }],
      };
    }

    function drawUnitsByKind(units) {
      const counts = new Map();
      for (const u of units) {
        if (u.active === false) continue;
        const label = u.kind_label || u.kind;
        counts.set(label, (counts.get(label) || 0) + 1);
      }
      chartTitle.value = '组织机构构成（按类型）';
      return {
        color: ['#1f5fa8', '#3c8dbc', '#5fb0a5', '#e6a23c', '#909399', '#b05f6d'],
        tooltip: { trigger: 'item', formatter: '{b}：{c} 个（{d}%）' },
        legend: { bottom: 0, icon: 'circle' },
        series: [{
          type: 'pie', radius: ['40%', '68%'], center: ['50%', '44%'],
          data: [...counts].map(([name, value]) => ({ name, value })),
          label: { formatter: '{b} {c}' },
        }],
      };
    }

    // Admin/leader: accounts per role; everyone else: recent activity if the
    // server shares it with them, otherwise the make-up of the unit tree.
    async function draw(d) {
      let option = null;
      if (can('users.view')) {
        try {
          const r = await get('/users', { quiet: true });
          option = drawUsersByRole(r.users || []);
        } catch { option = null; }
      }
      if (!option && (d.recent_audit || []).length) option = drawActivity(d.recent_audit);
      if (!option) {
        try {
          const r = await get('/units', { quiet: true });
          option = drawUnitsByKind(r.units || []);
        } catch { return; }
      }
      await nextTick();
      if (!chartEl.value) return;
      chart = echarts.init(chartEl.value);
      chart.setOption(option);
    }

    const resize = () => chart && chart.resize();
    onMounted(async () => {
      window.addEventListener('resize', resize);
      try {
        data.value = await get('/dashboard');
        if (data.value.organization?.name) emit('org-changed', data.value.organization.name);
        loading.value = false;
        await draw(data.value);
      } catch { /* shown by api() */ } finally {
        loading.value = false;
      }
    });
    onBeforeUnmount(() => {
      window.removeEventListener('resize', resize);
      if (chart) chart.dispose();
    });

    return {
      data, loading, chartEl, chartTitle, session, navigate, formatTime, actionLabel, entityLabel,
      canAudit: can('audit.view'),
      moduleDesc: (k) => MODULE_DESCRIPTIONS[k] || '',
      moduleIcon: (k) => MODULE_ICONS[k] || 'Document',
      modulePath: (k) => MODULE_PATHS[k] || '/home',
    };
  },
  template: `
  <div class="home" v-loading="loading">
    <template v-if="data">
      <div class="home-head">
        <div>
          <h2 class="home-org" data-testid="dashboard-org">{{ data.organization?.name }}</h2>
          <div class="home-sub">
            <span v-if="data.organization?.region">{{ data.organization.region }}</span>
            <span v-if="data.organization?.short_name">简称：{{ data.organization.short_name }}</span>
            <span>欢迎您，{{ session.user.display_name || session.user.name }}（{{ session.user.role_label }}）</span>
          </div>
        </div>
      </div>
      <el-row :gutter="16" class="stat-row">
        <el-col :span="8">
          <div class="stat-card stat-blue">
            <el-icon :size="34"><OfficeBuilding /></el-icon>
            <div><div class="stat-num">{{ data.stats?.units ?? 0 }}</div><div class="stat-label">组织机构</div></div>
          </div>
        </el-col>
        <el-col :span="8">
          <div class="stat-card stat-green">
            <el-icon :size="34"><User /></el-icon>
            <div><div class="stat-num">{{ data.stats?.users ?? 0 }}</div><div class="stat-label">用户账号</div></div>
          </div>
        </el-col>
        <el-col :span="8">
          <div class="stat-card stat-orange">
            <el-icon :size="34"><Tickets /></el-icon>
            <div><div class="stat-num">{{ data.stats?.audit_entries ?? 0 }}</div><div class="stat-label">审计记录</div></div>
          </div>
        </el-col>
      </el-row>
      <el-row :gutter="16">
        <el-col :span="12">
          <el-card shadow="never" class="panel">
            <template #header><span class="panel-title">功能模块</span></template>
            <div class="module-list">
              <div v-for="m in data.modules || []" :key="m.key" class="module-item" @click="navigate(modulePath(m.key))">
                <el-icon :size="22" class="module-icon"><component :is="moduleIcon(m.key)" /></el-icon>
                <div class="module-text">
                  <div class="module-title">{{ m.title }}</div>
                  <div class="module-desc">{{ moduleDesc(m.key) }}</div>
                </div>
                <el-tag :type="m.ready ? 'success' : 'info'" size="small">{{ m.ready ? '已启用' : '建设中' }}</el-tag>
              </div>
            </div>
          </el-card>
        </el-col>
        <el-col :span="12">
          <el-card shadow="never" class="panel">
            <template #header><span class="panel-title">{{ chartTitle || '统计' }}</span></template>
            <div ref="chartEl" class="chart"></div>
          </el-card>
        </el-col>
      </el-row>
      <el-card v-if="canAudit || (data.recent_audit || []).length" shadow="never" class="panel">
        <template #header>
          <div class="panel-header">
            <span class="panel-title">最近操作记录</span>
            <el-button v-if="canAudit" link type="primary" @click="navigate('/system/audit')">查看全部</el-button>
          </div>
        </template>
        <el-table :data="data.recent_audit || []" size="small" stripe empty-text="暂无记录">
          <el-table-column label="时间" width="170"><template #default="{ row }">{{ formatTime(row.at) }}</template></el-table-column>
          <el-table-column prop="actor_name" label="操作人" width="140" />
          <el-table-column label="操作" width="110"><template #default="{ row }">{{ actionLabel(row.action) }}</template></el-table-column>
          <el-table-column label="对象"><template #default="{ row }">{{ entityLabel(row.entity) }} {{ row.entity_id ? '#' + row.entity_id : '' }}</template></el-table-column>
        </el-table>
      </el-card>
    </template>
  </div>`,
};
