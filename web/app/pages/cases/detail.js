// 事项详情 (#/cases/detail?id=N): facts, the three clocks (签收/首次答复/办结)
// with remaining working time, the action buttons the server allows this
// user now, one dialog per action, evidence files and the timeline.
import { get, post, session, formatTime } from '../../api.js';
import { routeQuery, navigate } from '../../router.js';
import { STATE_TAGS, ACTION_BUTTONS, SATISFACTION, remainingText } from './common.js';

const NEEDS_NOTE = { return: '退回理由', reject: '退回理由', reopen: '重办理由', pause: '暂停理由', extend_request: '延期理由', progress: '办理情况', reply: '答复内容' };
const NO_DIALOG = ['sign'];

export default {
  name: 'CaseDetailPage',
  setup() {
    const { ref, reactive, onMounted } = Vue;
    const id = Number(routeQuery().id || 0);
    const c = ref(null);
    const units = ref([]);
    const loading = ref(false);
    const dlg = reactive({ open: false, action: '', busy: false, note: '', lead_unit_id: null, co_unit_ids: [], days: 3, satisfaction: 5, files: [] });

    async function load() {
      loading.value = true;
      try {
        const [r, u] = await Promise.all([get(`/cases/${id}`), get('/units')]);
        c.value = r;
        units.value = (u.units || []).filter((x) => x.active);
      } catch { c.value = null; } finally { loading.value = false; }
    }
    async function submit(action) {
      const body = { action, note: dlg.note };
      if (action === 'dispatch') {
        if (!dlg.lead_unit_id) { ElementPlus.ElMessage.warning('请选择承办部门'); return; }
        body.lead_unit_id = dlg.lead_unit_id;
        body.co_unit_ids = dlg.co_unit_ids;
      }
      if (action === 'extend_request') body.days = dlg.days;
      if (action === 'evaluate') body.satisfaction = dlg.satisfaction;
      if (action === 'reply') body.attachment_ids = dlg.files.map((f) => f.id);
      if (NEEDS_NOTE[action] && !dlg.note.trim()) { ElementPlus.ElMessage.warning(`请填写${NEEDS_NOTE[action]}`); return; }
      dlg.busy = true;
      try {
        await post(`/cases/${id}/actions`, body);
        dlg.open = false;
        ElementPlus.ElMessage.success(`${ACTION_BUTTONS[action]?.label || '操作'}成功`);
        await load();
      } catch { /* shown */ } finally { dlg.busy = false; }
    }
    function act(action) {
      if (NO_DIALOG.includes(action)) { dlg.note = ''; submit(action); return; }
      Object.assign(dlg, { open: true, action, note: '', lead_unit_id: c.value.lead_unit_id || null, co_unit_ids: (c.value.co_units || []).map((u) => u.id), days: 3, satisfaction: 5, files: [] });
    }
    async function upload(ev) {
      const file = ev.target.files[0];
      if (!file) return;
      try {
        const resp = await fetch(`/api/v1/attachments?owner_kind=case_reply&owner_id=0&filename=${encodeURIComponent(file.name)}`,
          { method: 'POST', body: file, credentials: 'same-origin', headers: { 'X-CSRF-Token': session.csrf } });
        const data = await resp.json();
        if (!resp.ok) throw new Error(data.error?.message || '上传失败');
        dlg.files.push(data);
      } catch (e) { ElementPlus.ElMessage.error(e.message); }
      ev.target.value = '';
    }
    const stageColor = (s) => (s.overdue ? '#d9363e' : s.done ? '#3a9a5b' : '#303133');
    onMounted(load);
    return { id, c, units, loading, dlg, act, submit, upload, formatTime, navigate, STATE_TAGS, ACTION_BUTTONS, SATISFACTION, NEEDS_NOTE, remainingText, stageColor };
  },
  template: `
  <div class="page" v-loading="loading">
    <el-result v-if="!c && !loading" icon="warning" title="找不到该事项或无权查看">
      <template #extra><el-button @click="navigate('/cases/all')">返回列表</el-button></template>
    </el-result>
    <template v-if="c">
      <div class="page-head">
        <h2 data-testid="case-heading">{{ c.code }} {{ c.title }}</h2>
        <el-tag :type="STATE_TAGS[c.state]" data-testid="case-state">{{ c.state_label }}</el-tag>
        <el-tag v-if="c.paused" type="info" style="margin-left:6px">暂停计时中</el-tag>
        <el-tag v-if="c.extension_pending" type="warning" style="margin-left:6px">延期待审批</el-tag>
      </div>
      <div style="margin:8px 0 16px" data-testid="case-actions">
        <el-button v-for="a in c.actions" :key="a" :type="ACTION_BUTTONS[a]?.type" :data-testid="'act-' + a" @click="act(a)">{{ ACTION_BUTTONS[a]?.label || a }}</el-button>
        <span v-if="!c.actions.length" class="muted">当前没有需要您办理的操作</span>
      </div>
      <el-row :gutter="12">
        <el-col :span="8" v-for="s in [c.clocks.sign, c.clocks.reply, c.clocks.close]" :key="s.stage">
          <el-card shadow="never" :data-testid="'clock-' + s.stage">
            <div class="muted">{{ s.label }}时限（{{ s.limit }}）</div>
            <div :style="{fontSize:'18px', margin:'6px 0', color: stageColor(s)}">{{ remainingText(s) }}</div>
            <div class="muted" v-if="s.started">截止：{{ s.deadline_local }}</div>
            <div class="muted" v-if="s.done">用时：{{ s.elapsed_work_hours.toFixed(1) }} 工作小时</div>
          </el-card>
        </el-col>
      </el-row>
      <el-descriptions :column="2" border style="margin-top:16px">
        <el-descriptions-item label="来源">{{ c.origin_label }} {{ c.origin_ref }}</el-descriptions-item>
        <el-descriptions-item label="类型/紧急程度">{{ c.case_type_label }} / {{ c.priority_label }}</el-descriptions-item>
        <el-descriptions-item label="受理时间">{{ formatTime(c.received_at) }}</el-descriptions-item>
        <el-descriptions-item label="受理科室">{{ c.dispatch_unit_name || '—' }}</el-descriptions-item>
        <el-descriptions-item label="承办部门">{{ c.lead_unit_name || '未分派' }}</el-descriptions-item>
        <el-descriptions-item label="协办部门">{{ c.co_units.map(u => u.name).join('、') || '—' }}</el-descriptions-item>
        <el-descriptions-item v-if="c.superior_deadline" label="交办时限">{{ formatTime(c.superior_deadline) }}</el-descriptions-item>
        <el-descriptions-item v-if="c.extension_days" label="已批准延期">{{ c.extension_days }} 个工作日</el-descriptions-item>
        <el-descriptions-item v-if="c.satisfaction" label="满意度">{{ c.satisfaction_label }}</el-descriptions-item>
        <el-descriptions-item label="内容" :span="2"><div style="white-space:pre-wrap">{{ c.description }}</div></el-descriptions-item>
      </el-descriptions>
      <div v-if="c.evidence.length" style="margin-top:12px">
        <b>证明材料：</b>
        <a v-for="f in c.evidence" :key="f.id" :href="'/api/v1/attachments/' + f.id" style="margin-right:12px">{{ f.filename }}</a>
      </div>
      <el-alert v-for="(r, i) in c.reminders.slice(0, 3)" :key="i" :type="r.level === 'warning' ? 'warning' : 'error'" :title="r.message" :closable="false" style="margin-top:8px" />
      <h3 style="margin-top:20px">办理过程</h3>
      <el-timeline data-testid="case-timeline">
        <el-timeline-item v-for="e in c.timeline" :key="e.id" :timestamp="formatTime(e.at)" placement="top">
          <b>{{ e.action_label }}</b> · {{ e.actor_name }}
          <div v-if="e.note" style="white-space:pre-wrap;color:#606266">{{ e.note }}</div>
        </el-timeline-item>
      </el-timeline>
    </template>
    <el-dialog v-model="dlg.open" :title="ACTION_BUTTONS[dlg.action]?.label" width="520px">
      <el-form label-width="90px">
        <template v-if="dlg.action === 'dispatch'">
          <el-form-item label="承办部门" required>
            <el-select v-model="dlg.lead_unit_id" filterable data-testid="dispatch-lead" placeholder="选择承办部门">
              <el-option v-for="u in units" :key="u.id" :value="u.id" :label="u.name" />
            </el-select>
          </el-form-item>
          <el-form-item label="协办部门">
            <el-select v-model="dlg.co_unit_ids" multiple filterable placeholder="可不选">
              <el-option v-for="u in units" :key="u.id" :value="u.id" :label="u.name" />
            </el-select>
          </el-form-item>
        </template>
        <el-form-item v-if="dlg.action === 'extend_request'" label="延期天数"><el-input-number v-model="dlg.days" :min="1" :max="60" /> 个工作日</el-form-item>
        <el-form-item v-if="dlg.action === 'evaluate'" label="满意度">
          <el-radio-group v-model="dlg.satisfaction"><el-radio v-for="s in SATISFACTION" :key="s.value" :value="s.value">{{ s.label }}</el-radio></el-radio-group>
        </el-form-item>
        <el-form-item :label="NEEDS_NOTE[dlg.action] || '意见'">
          <el-input v-model="dlg.note" type="textarea" :rows="4" data-testid="action-note" />
        </el-form-item>
        <el-form-item v-if="dlg.action === 'reply'" label="证明材料">
          <input type="file" @change="upload" />
          <div v-for="f in dlg.files" :key="f.id">{{ f.filename }}</div>
        </el-form-item>
      </el-form>
      <template #footer><el-button @click="dlg.open=false">取消</el-button><el-button type="primary" :loading="dlg.busy" data-testid="action-submit" @click="submit(dlg.action)">确定</el-button></template>
    </el-dialog>
  </div>`,
};
