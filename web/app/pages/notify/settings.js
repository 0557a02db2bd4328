// 提醒设置: how sensitive monitoring alerts are (灵敏/标准/保守), cooldown,
// quiet hours, minimum interval, which 方案 alert on every hit, and the
// system address used for links in messages. Admins edit; leaders read.
import { get, put, can } from '../../api.js';

const PRESETS = [
  { value: 'sensitive', label: '灵敏', hint: '超出往常 2 个标准差即提醒，提醒较多' },
  { value: 'standard', label: '标准', hint: '超出往常 3 个标准差提醒（推荐）' },
  { value: 'conservative', label: '保守', hint: '超出往常 4 个标准差才提醒，只报明显异常' },
];

const toTime = (m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const toMinute = (t) => { const [h, m] = (t || '00:00').split(':').map(Number); return h * 60 + m; };

export default {
  name: 'NotifySettingsPage',
  setup() {
    const { ref, reactive, onMounted } = Vue;
    const editable = can('notify.edit');
    const loading = ref(false);
    const busy = ref(false);
    const alert = reactive({});
    const form = reactive({ base_url: '', quiet_start: '22:00', quiet_end: '07:00', cooldown_min: 60, interval_min: 5 });
    const topics = ref([]);

    async function load() {
      loading.value = true;
      try {
        const r = await get('/notify/settings');
        Object.assign(alert, r.alert);
        form.base_url = r.base_url || '';
        form.quiet_start = toTime(r.alert.quiet_start_minute);
        form.quiet_end = toTime(r.alert.quiet_end_minute);
        form.cooldown_min = Math.round(r.alert.cooldown_seconds / 60);
        form.interval_min = Math.round(r.alert.min_interval_seconds / 60);
        topics.value = r.topics || [];
      } catch { /* shown */ } finally { loading.value = false; }
    }
    async function save() {
      busy.value = true;
      const body = { base_url: form.base_url.trim(), alert: { ...alert,
        quiet_start_minute: toMinute(form.quiet_start), quiet_end_minute: toMinute(form.quiet_end),
        cooldown_seconds: form.cooldown_min * 60, min_interval_seconds: form.interval_min * 60 } };
      try {
        await put('/notify/settings', body);
        ElementPlus.ElMessage.success('已保存');
        await load();
      } catch { /* shown */ } finally { busy.value = false; }
    }
    async function toggleTopic(t) {
      try {
        await put(`/notify/topics/${t.topic_id}/alert`, { alert_on_hit: t.alert_on_hit });
        ElementPlus.ElMessage.success(t.alert_on_hit ? `“${t.name}”命中即提醒` : `“${t.name}”不再逐条提醒`);
      } catch { t.alert_on_hit = !t.alert_on_hit; }
    }
    onMounted(load);
    return { editable, loading, busy, alert, form, topics, PRESETS, save, toggleTopic };
  },
  template: `
  <el-card shadow="never" class="panel" v-loading="loading">
    <template #header>
      <div class="panel-header"><span class="panel-title">提醒设置</span>
        <el-tag v-if="!editable" type="info" size="small" class="readonly-tag">只读</el-tag></div>
    </template>
    <el-form label-width="150px" :disabled="!editable" style="max-width: 760px" data-testid="notify-settings">
      <el-form-item label="灵敏度">
        <el-radio-group v-model="alert.preset">
          <el-radio-button v-for="p in PRESETS" :key="p.value" :value="p.value">{{ p.label }}</el-radio-button>
        </el-radio-group>
        <div class="form-hint" style="width: 100%">{{ (PRESETS.find((p) => p.value === alert.preset) || {}).hint }}。“往常”指过去几周同一星期、同一小时的信息量。</div>
      </el-form-item>
      <el-form-item label="提醒哪些情况">
        <el-checkbox v-model="alert.rule_hits">方案命中（已设“命中即提醒”的方案）</el-checkbox>
        <el-checkbox v-model="alert.new_events">新事件和事件升温</el-checkbox>
        <el-checkbox v-model="alert.volume_spikes">信息量突增</el-checkbox>
        <el-checkbox v-model="alert.negative_spikes">负面占比升高</el-checkbox>
      </el-form-item>
      <el-form-item label="同类提醒冷却">
        <el-input-number v-model="form.cooldown_min" :min="0" :max="10080" /> <span class="form-hint" style="margin-left: 8px">分钟内同一方案的同类情况只提醒一次</span>
      </el-form-item>
      <el-form-item label="两次提醒最少间隔">
        <el-input-number v-model="form.interval_min" :min="0" :max="1440" /> <span class="form-hint" style="margin-left: 8px">分钟；期间的非紧急提醒合并后再发</span>
      </el-form-item>
      <el-form-item label="免打扰时段">
        <el-switch v-model="alert.quiet_hours" style="margin-right: 12px" />
        <el-time-select v-model="form.quiet_start" start="00:00" end="23:30" step="00:30" style="width: 120px" :disabled="!alert.quiet_hours || !editable" />
        <span style="margin: 0 8px">至</span>
        <el-time-select v-model="form.quiet_end" start="00:00" end="23:30" step="00:30" style="width: 120px" :disabled="!alert.quiet_hours || !editable" />
        <div class="form-hint" style="width: 100%">免打扰时段只发紧急提醒，其余在时段结束时汇总发送。</div>
      </el-form-item>
      <el-form-item label="系统访问地址">
        <el-input v-model="form.base_url" placeholder="如 https://minyi.example.gov.cn/ ，用于消息中的“查看详情”链接" />
      </el-form-item>
      <el-form-item v-if="editable"><el-button type="primary" :loading="busy" @click="save">保存设置</el-button></el-form-item>
    </el-form>
    <el-divider content-position="left">命中即提醒的监测方案</el-divider>
    <el-table :data="topics" border stripe empty-text="还没有启用的监测方案" style="max-width: 760px">
      <el-table-column prop="name" label="监测方案" />
      <el-table-column label="命中即提醒" width="140" align="center">
        <template #default="{ row }"><el-switch v-model="row.alert_on_hit" :disabled="!editable" @change="toggleTopic(row)" /></template>
      </el-table-column>
    </el-table>
  </el-card>`,
};
