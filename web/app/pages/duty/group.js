// 责任体系: the leading group (组长, 分管, members with their areas), each
// member's responsibility list and signed responsibility letters.
import { get, post, put, del, can } from '../../api.js';
import AttachmentList from '../attachments.js';

const POSITIONS = { leader: '组长（第一责任人）', deputy: '分管（直接责任人）', member: '成员（一岗双责）' };

export default {
  name: 'DutyGroupPage',
  components: { AttachmentList },
  setup() {
    const { ref, reactive, onMounted } = Vue;
    const members = ref([]);
    const loading = ref(false);
    const editable = can('duty.config');
    const dialog = reactive({ open: false, id: 0, position: 'member', name: '', title: '', area: '', busy: false });
    const task = reactive({ open: false, member_id: 0, task: '', deadline: '', busy: false });

    async function load() {
      loading.value = true;
      try { members.value = (await get('/duty/group')).members || []; } catch { /* shown */ } finally { loading.value = false; }
    }
    function openEdit(m) {
      Object.assign(dialog, m ? { open: true, id: m.id, position: m.position, name: m.name, title: m.title, area: m.area }
        : { open: true, id: 0, position: 'member', name: '', title: '', area: '' });
    }
    async function save() {
      dialog.busy = true;
      const body = { position: dialog.position, name: dialog.name.trim(), title: dialog.title, area: dialog.area };
      try {
        if (dialog.id) await put(`/duty/group/members/${dialog.id}`, body); else await post('/duty/group/members', body);
        dialog.open = false;
        await load();
      } catch { /* shown */ } finally { dialog.busy = false; }
    }
    async function remove(m) {
      try {
        await ElementPlus.ElMessageBox.confirm(`将 ${m.name} 移出领导小组？历史记录会保留。`, '确认', { type: 'warning' });
        await del(`/duty/group/members/${m.id}`);
        await load();
      } catch { /* cancelled or shown */ }
    }
    function openTask(m) { Object.assign(task, { open: true, member_id: m.id, task: '', deadline: '' }); }
    async function saveTask() {
      task.busy = true;
      try {
        await post('/duty/tasks', { member_id: task.member_id, task: task.task, deadline: task.deadline || null });
        task.open = false;
        await load();
      } catch { /* shown */ } finally { task.busy = false; }
    }
    async function toggleTask(t, m) {
      try {
        await put(`/duty/tasks/${t.id}`, { member_id: m.id, task: t.task, deadline: t.deadline || null,
          status: t.status === 'done' ? 'open' : 'done' });
        await load();
      } catch { /* shown */ }
    }
    onMounted(load);
    return { members, loading, editable, dialog, task, POSITIONS, openEdit, save, remove, openTask, saveTask, toggleTask };
  },
  template: `
  <el-card shadow="never" class="panel">
    <template #header>
      <div class="panel-header">
        <span class="panel-title">网络意识形态工作领导小组</span>
        <el-button v-if="editable" type="primary" :icon="'Plus'" @click="openEdit(null)">新增成员</el-button>
      </div>
    </template>
    <el-empty v-if="!loading && !members.length" description="尚未建立领导小组" />
    <el-card v-for="m in members" :key="m.id" shadow="never" style="margin-bottom:12px" data-testid="group-member">
      <div style="display:flex; justify-content:space-between; align-items:center">
        <div>
          <el-tag :type="m.position === 'leader' ? 'danger' : m.position === 'deputy' ? 'warning' : 'info'">{{ POSITIONS[m.position] }}</el-tag>
          <b style="margin-left:8px; font-size:16px">{{ m.name }}</b>
          <span style="margin-left:8px; color:#606266">{{ m.title }}</span>
        </div>
        <div v-if="editable">
          <el-button link type="primary" @click="openTask(m)">添加责任事项</el-button>
          <el-button link type="primary" @click="openEdit(m)">编辑</el-button>
          <el-button link type="danger" @click="remove(m)">移出</el-button>
        </div>
      </div>
      <div style="margin:8px 0; color:#303133">职责：{{ m.area || '—' }}</div>
      <el-table v-if="m.tasks.length" :data="m.tasks" size="small" border>
        <el-table-column prop="task" label="责任清单" />
        <el-table-column prop="deadline" label="时限" width="120" />
        <el-table-column label="状态" width="120">
          <template #default="{ row }">
            <el-tag size="small" :type="row.status === 'done' ? 'success' : 'info'">{{ row.status === 'done' ? '已完成' : '进行中' }}</el-tag>
            <el-button v-if="editable" link size="small" @click="toggleTask(row, m)">{{ row.status === 'done' ? '重开' : '完成' }}</el-button>
          </template>
        </el-table-column>
      </el-table>
      <div style="margin-top:8px"><attachment-list owner-kind="duty_letter" :owner-id="m.id" :editable="editable" title="责任书（签字扫描件）" /></div>
    </el-card>
    <el-dialog v-model="dialog.open" :title="dialog.id ? '编辑成员' : '新增成员'" width="520px">
      <el-form label-width="80px">
        <el-form-item label="职责"><el-select v-model="dialog.position"><el-option v-for="(l, k) in POSITIONS" :key="k" :value="k" :label="l" /></el-select></el-form-item>
        <el-form-item label="姓名"><el-input v-model="dialog.name" maxlength="30" /></el-form-item>
        <el-form-item label="职务"><el-input v-model="dialog.title" maxlength="60" /></el-form-item>
        <el-form-item label="分管领域"><el-input v-model="dialog.area" type="textarea" :rows="2" maxlength="600" /></el-form-item>
      </el-form>
      <template #footer><el-button @click="dialog.open = false">取消</el-button><el-button type="primary" :loading="dialog.busy" @click="save">保存</el-button></template>
    </el-dialog>
    <el-dialog v-model="task.open" title="添加责任事项" width="520px">
      <el-form label-width="80px">
        <el-form-item label="事项"><el-input v-model="task.task" type="textarea" :rows="2" maxlength="1000" /></el-form-item>
        <el-form-item label="时限"><el-date-picker v-model="task.deadline" type="date" value-format="YYYY-MM-DD" /></el-form-item>
      </el-form>
      <template #footer><el-button @click="task.open = false">取消</el-button><el-button type="primary" :loading="task.busy" @click="saveTask">保存</el-button></template>
    </el-dialog>
  </el-card>`,
};
