// 自查整改: yearly self-checks (from editable templates) and the
// rectification list (问题 → 措施 → 责任人 → 时限 → 完成).
import { get, post, put, can, formatTime } from '../../api.js';
import { navigate, routeQuery } from '../../router.js';
import { STATUS_LABELS, STATUS_TYPES } from '../../modules/duty.js';
import AttachmentList from '../attachments.js';

export default {
  name: 'DutySelfCheckPage',
  components: { AttachmentList },
  setup() {
    const { ref, reactive, onMounted } = Vue;
    const checks = ref([]);
    const templates = ref([]);
    const rects = ref([]);
    // Report figures link here with ?status=done|overdue.
    const filter = reactive({ status: ['open', 'overdue', 'done'].includes(routeQuery().status) ? routeQuery().status : '' });
    const editable = can('duty.config');
    const start = reactive({ open: false, template_id: 0, year: new Date().getFullYear(), busy: false });
    const rect = reactive({ open: false, id: 0, problem: '', measure: '', responsible_name: '', deadline: '', busy: false });
    const done = reactive({ open: false, id: 0, note: '', attachment_ids: [], busy: false });

    async function load() {
      try {
        const [c, t, r] = await Promise.all([get('/duty/selfchecks'), get('/duty/templates'),
          get('/duty/rectifications' + (filter.status ? '?status=' + filter.status : ''))]);
        checks.value = c.selfchecks || [];
        templates.value = t.templates || [];
        rects.value = r.rectifications || [];
      } catch { /* shown */ }
    }
    async function startCheck() {
      start.busy = true;
      try {
        const s = await post('/duty/selfchecks', { template_id: start.template_id, year: start.year });
        start.open = false;
        navigate('/duty/selfcheck/detail?id=' + s.id);
      } catch { /* shown */ } finally { start.busy = false; }
    }
    function editRect(r) {
      Object.assign(rect, r ? { open: true, id: r.id, problem: r.problem, measure: r.measure,
        responsible_name: r.responsible_name, deadline: r.deadline }
        : { open: true, id: 0, problem: '', measure: '', responsible_name: '', deadline: '' });
    }
    async function saveRect() {
      rect.busy = true;
      const body = { problem: rect.problem, measure: rect.measure, responsible_name: rect.responsible_name, deadline: rect.deadline };
      try {
        if (rect.id) await put('/duty/rectifications/' + rect.id, body); else await post('/duty/rectifications', body);
        rect.open = false;
        await load();
      } catch { /* shown */ } finally { rect.busy = false; }
    }
    function openDone(r) { Object.assign(done, { open: true, id: r.id, note: '', attachment_ids: [] }); }
    async function saveDone() {
      done.busy = true;
      try {
        await post(`/duty/rectifications/${done.id}/complete`, { completion_note: done.note, attachment_ids: done.attachment_ids });
        done.open = false;
        await load();
      } catch { /* shown */ } finally { done.busy = false; }
    }
    onMounted(load);
    return { checks, templates, rects, filter, editable, start, rect, done, load, startCheck, editRect, saveRect, openDone,
      saveDone, STATUS_LABELS, STATUS_TYPES, formatTime, open: (s) => navigate('/duty/selfcheck/detail?id=' + s.id) };
  },
  template: `
  <div>
    <el-card shadow="never" class="panel" style="margin-bottom:16px">
      <template #header>
        <div class="panel-header">
          <span class="panel-title">年度自查</span>
          <el-button v-if="editable && templates.length" type="primary" @click="start.open = true; start.template_id = templates[0].id">开展自查</el-button>
        </div>
      </template>
      <el-table :data="checks" border size="small" empty-text="暂无自查" @row-click="open" style="cursor:pointer">
        <el-table-column prop="title" label="名称" min-width="280" />
        <el-table-column prop="year" label="年度" width="80" />
        <el-table-column label="得分" width="120"><template #default="{ row }">{{ row.total_score }} / {{ row.total_max }}</template></el-table-column>
        <el-table-column label="状态" width="90"><template #default="{ row }">{{ row.status === 'submitted' ? '已提交' : '填写中' }}</template></el-table-column>
      </el-table>
    </el-card>
    <el-card shadow="never" class="panel">
      <template #header>
        <div class="panel-header">
          <span class="panel-title">整改台账</span>
          <div>
            <el-select v-model="filter.status" placeholder="全部" clearable style="width:120px; margin-right:8px" @change="load">
              <el-option value="open" label="未完成" /><el-option value="overdue" label="已逾期" /><el-option value="done" label="已完成" />
            </el-select>
            <el-button v-if="editable" :icon="'Plus'" @click="editRect(null)">新增整改事项</el-button>
          </div>
        </div>
      </template>
      <el-table :data="rects" border size="small" empty-text="暂无整改事项" data-testid="rectifications">
        <el-table-column prop="problem" label="问题" min-width="200" />
        <el-table-column prop="measure" label="整改措施" min-width="200" />
        <el-table-column prop="responsible_name" label="责任人" width="100" />
        <el-table-column prop="deadline" label="时限" width="110" />
        <el-table-column label="状态" width="100"><template #default="{ row }"><el-tag size="small" :type="STATUS_TYPES[row.status]">{{ STATUS_LABELS[row.status] }}</el-tag></template></el-table-column>
        <el-table-column label="完成情况" min-width="180">
          <template #default="{ row }">
            <div>{{ row.completion_note }}</div>
            <a v-for="a in row.attachments" :key="a.id" :href="a.url" style="margin-right:8px">{{ a.filename }}</a>
          </template>
        </el-table-column>
        <el-table-column label="操作" width="130">
          <template #default="{ row }">
            <template v-if="row.status === 'open' || row.status === 'overdue'">
              <el-button v-if="editable" link type="primary" @click="editRect(row)">编辑</el-button>
              <el-button link type="success" @click="openDone(row)">销号</el-button>
            </template>
          </template>
        </el-table-column>
      </el-table>
    </el-card>
    <el-dialog v-model="start.open" title="开展年度自查" width="460px">
      <el-form label-width="80px">
        <el-form-item label="模板"><el-select v-model="start.template_id"><el-option v-for="t in templates" :key="t.id" :value="t.id" :label="t.name + '（' + t.total + ' 分）'" /></el-select></el-form-item>
        <el-form-item label="年度"><el-input-number v-model="start.year" :min="2000" :max="2099" /></el-form-item>
      </el-form>
      <template #footer><el-button @click="start.open = false">取消</el-button><el-button type="primary" :loading="start.busy" @click="startCheck">开始</el-button></template>
    </el-dialog>
    <el-dialog v-model="rect.open" :title="rect.id ? '编辑整改事项' : '新增整改事项'" width="560px">
      <el-form label-width="80px">
        <el-form-item label="问题"><el-input v-model="rect.problem" type="textarea" :rows="2" /></el-form-item>
        <el-form-item label="整改措施"><el-input v-model="rect.measure" type="textarea" :rows="3" /></el-form-item>
        <el-form-item label="责任人"><el-input v-model="rect.responsible_name" maxlength="60" /></el-form-item>
        <el-form-item label="时限"><el-date-picker v-model="rect.deadline" type="date" value-format="YYYY-MM-DD" /></el-form-item>
      </el-form>
      <template #footer><el-button @click="rect.open = false">取消</el-button><el-button type="primary" :loading="rect.busy" @click="saveRect">保存</el-button></template>
    </el-dialog>
    <el-dialog v-model="done.open" title="整改完成销号" width="560px">
      <el-form label-width="80px">
        <el-form-item label="完成情况"><el-input v-model="done.note" type="textarea" :rows="3" /></el-form-item>
        <el-form-item label="佐证材料"><attachment-list owner-kind="rectification" :owner-id="0" :editable="true" v-model:ids="done.attachment_ids" /></el-form-item>
      </el-form>
      <template #footer><el-button @click="done.open = false">取消</el-button><el-button type="primary" :loading="done.busy" @click="saveDone">确认销号</el-button></template>
    </el-dialog>
  </div>`,
};
