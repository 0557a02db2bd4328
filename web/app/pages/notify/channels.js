// 通知渠道: robots, webhooks and e-mail that reminders and alerts go to.
// Admins add, edit, delete and send a test message; leaders read. Secrets come
// back masked (******); sending the mask back keeps the stored value.
import { get, post, put, del, can, formatTime } from '../../api.js';
import { CHANNEL_KINDS, kindLabel } from './common.js';

const MASK = '******';

export default {
  name: 'NotifyChannelsPage',
  setup() {
    const { ref, reactive, computed, onMounted } = Vue;
    const channels = ref([]);
    const kinds = ref([]);
    const loading = ref(false);
    const editable = can('notify.edit');
    const dialog = reactive({ open: false, editing: null, busy: false });
    const form = reactive({});
    const formRef = ref(null);
    const testing = ref(0);

    function blank() {
      return { name: '', kind: 'wecom', enabled: true, subscriptions: [], url: '', secret: '',
        signature_header: 'X-Minyi-Signature', feishu_msg_type: 'post', username: '', password: '', from: '', to: '',
        starttls: false };
    }
    const hint = computed(() => (CHANNEL_KINDS.find((k) => k.value === form.kind) || {}).hint || '');
    const isEmail = computed(() => form.kind === 'email');
    const rules = computed(() => ({
      name: [{ required: true, message: '请输入渠道名称', trigger: 'blur' }],
      url: [{ required: true, message: isEmail.value ? '请输入邮件服务器地址' : '请输入 Webhook 地址', trigger: 'blur' }],
      from: isEmail.value ? [{ required: true, message: '请输入发件人地址', trigger: 'blur' }] : [],
      to: isEmail.value ? [{ required: true, message: '请输入收件人', trigger: 'blur' }] : [],
    }));
    const kindName = (k) => (kinds.value.find((x) => x.kind === k) || {}).label || k;
    const subsText = (row) => (row.subscriptions.length ? row.subscriptions.map(kindName).join('、') : '全部类型');

    async function load() {
      loading.value = true;
      try {
        const r = await get('/notify/channels');
        channels.value = r.items || [];
        kinds.value = (r.notification_kinds || []).filter((k) => k.kind !== 'test' && k.kind !== 'briefing');
      } catch { /* shown */ } finally { loading.value = false; }
    }
    function openAdd() {
      dialog.editing = null;
      Object.assign(form, blank());
      dialog.open = true;
      formRef.value?.clearValidate();
    }
    function openEdit(row) {
      dialog.editing = row;
      const c = row.config || {};
      Object.assign(form, blank(), {
        name: row.name, kind: row.kind, enabled: row.enabled, subscriptions: [...row.subscriptions],
        url: c.url || '', secret: c.secret || '', signature_header: c.signature_header || 'X-Minyi-Signature',
        feishu_msg_type: c.feishu_msg_type || 'post', username: c.username || '', password: c.password || '',
        from: c.from || '', to: (c.to || []).join(', '), starttls: !!c.starttls,
      });
      dialog.open = true;
      formRef.value?.clearValidate();
    }
    async function save() {
      const valid = await formRef.value.validate().catch(() => false);
      if (!valid) return;
      dialog.busy = true;
      const body = { name: form.name.trim(), kind: form.kind, enabled: form.enabled, subscriptions: form.subscriptions,
        config: { url: form.url.trim(), secret: form.secret, signature_header: form.signature_header,
          feishu_msg_type: form.feishu_msg_type, username: form.username, password: form.password,
          from: form.from.trim(), to: form.to, starttls: form.starttls } };
      try {
        if (dialog.editing) {
          await put(`/notify/channels/${dialog.editing.id}`, body);
          ElementPlus.ElMessage.success('已保存');
        } else {
          await post('/notify/channels', body);
          ElementPlus.ElMessage.success('已新增渠道');
        }
        dialog.open = false;
        await load();
      } catch { /* shown */ } finally { dialog.busy = false; }
    }
    async function remove(row) {
      try {
        await ElementPlus.ElMessageBox.confirm(`删除渠道“${row.name}”？已有的发送记录会保留。`, '删除渠道',
          { type: 'warning', confirmButtonText: '删除', cancelButtonText: '取消' });
      } catch { return; }
      try {
        await del(`/notify/channels/${row.id}`);
        ElementPlus.ElMessage.success('已删除');
        await load();
      } catch { /* shown */ }
    }
    async function sendTest(row) {
      testing.value = row.id;
      try {
        const r = await post(`/notify/channels/${row.id}/test`, {});
        if (r.ok) ElementPlus.ElMessage.success(r.message);
        else ElementPlus.ElMessageBox.alert(r.message, '测试消息发送失败', { type: 'error', confirmButtonText: '知道了' });
      } catch { /* shown */ } finally { testing.value = 0; }
    }

    onMounted(load);
    return { channels, kinds, loading, editable, dialog, form, formRef, rules, hint, isEmail, testing, MASK,
      CHANNEL_KINDS, kindLabel, subsText, openAdd, openEdit, save, remove, sendTest, formatTime };
  },
  template: `
  <el-card shadow="never" class="panel">
    <template #header>
      <div class="panel-header">
        <span class="panel-title">通知渠道</span>
        <div>
          <el-tag v-if="!editable" type="info" size="small" class="readonly-tag">只读</el-tag>
          <el-button v-if="editable" type="primary" :icon="'Plus'" @click="openAdd">新增渠道</el-button>
        </div>
      </div>
    </template>
    <el-alert type="info" :closable="false" show-icon style="margin-bottom: 12px"
      title="监测预警、催办督办和台账提醒通过这里的渠道发出。新建后请先“发送测试消息”，确认群里或邮箱收到后再启用。" />
    <el-table :data="channels" v-loading="loading" border stripe empty-text="还没有通知渠道" data-testid="notify-channels">
      <el-table-column prop="name" label="名称" min-width="160" />
      <el-table-column label="类型" width="140"><template #default="{ row }">{{ kindLabel(row.kind) }}</template></el-table-column>
      <el-table-column label="接收的提醒" min-width="180"><template #default="{ row }">{{ subsText(row) }}</template></el-table-column>
      <el-table-column label="地址" min-width="220" show-overflow-tooltip><template #default="{ row }">{{ row.config.url }}</template></el-table-column>
      <el-table-column label="状态" width="80" align="center">
        <template #default="{ row }"><el-tag :type="row.enabled ? 'success' : 'info'" size="small">{{ row.enabled ? '启用' : '停用' }}</el-tag></template>
      </el-table-column>
      <el-table-column label="修改时间" width="160"><template #default="{ row }">{{ formatTime(row.updated_at) }}</template></el-table-column>
      <el-table-column v-if="editable" label="操作" width="220" align="center" fixed="right">
        <template #default="{ row }">
          <el-button link type="primary" :loading="testing === row.id" @click="sendTest(row)">发送测试消息</el-button>
          <el-button link type="primary" @click="openEdit(row)">编辑</el-button>
          <el-button link type="danger" @click="remove(row)">删除</el-button>
        </template>
      </el-table-column>
    </el-table>

    <el-dialog v-model="dialog.open" :title="dialog.editing ? '编辑通知渠道' : '新增通知渠道'" width="620px" :close-on-click-modal="false">
      <el-form ref="formRef" :model="form" :rules="rules" label-width="110px" @submit.prevent="save">
        <el-form-item label="名称" prop="name"><el-input v-model="form.name" maxlength="60" placeholder="如：宣传科工作群" /></el-form-item>
        <el-form-item label="类型">
          <el-select v-model="form.kind" :disabled="!!dialog.editing" style="width: 100%">
            <el-option v-for="k in CHANNEL_KINDS" :key="k.value" :value="k.value" :label="k.label" />
          </el-select>
        </el-form-item>
        <el-form-item :label="isEmail ? '邮件服务器' : 'Webhook 地址'" prop="url">
          <el-input v-model="form.url" placeholder="" />
          <div class="form-hint">{{ hint }}</div>
        </el-form-item>
        <el-form-item v-if="!isEmail && form.kind !== 'wecom'" :label="form.kind === 'webhook' ? '签名密钥' : '加签密钥'">
          <el-input v-model="form.secret" show-password placeholder="不加签请留空" autocomplete="new-password" />
        </el-form-item>
        <el-form-item v-if="form.kind === 'webhook'" label="签名请求头"><el-input v-model="form.signature_header" /></el-form-item>
        <el-form-item v-if="form.kind === 'feishu'" label="消息格式">
          <el-radio-group v-model="form.feishu_msg_type"><el-radio value="post">富文本</el-radio><el-radio value="text">纯文本</el-radio></el-radio-group>
        </el-form-item>
        <template v-if="isEmail">
          <el-form-item label="发件人" prop="from"><el-input v-model="form.from" placeholder="minyi@example.gov.cn" /></el-form-item>
          <el-form-item label="收件人" prop="to"><el-input v-model="form.to" placeholder="多个地址用逗号分隔" /></el-form-item>
          <el-form-item label="登录用户名"><el-input v-model="form.username" autocomplete="off" /></el-form-item>
          <el-form-item label="登录密码"><el-input v-model="form.password" show-password autocomplete="new-password" /></el-form-item>
          <el-form-item label="STARTTLS"><el-switch v-model="form.starttls" /><span class="form-hint" style="margin-left: 8px">smtp:// 地址要求加密时打开</span></el-form-item>
        </template>
        <el-form-item label="接收的提醒">
          <el-select v-model="form.subscriptions" multiple placeholder="不选即接收全部类型" style="width: 100%">
            <el-option v-for="k in kinds" :key="k.kind" :value="k.kind" :label="k.label" />
          </el-select>
        </el-form-item>
        <el-form-item label="启用"><el-switch v-model="form.enabled" /></el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="dialog.open = false">取消</el-button>
        <el-button type="primary" :loading="dialog.busy" @click="save">保存</el-button>
      </template>
    </el-dialog>
  </el-card>`,
};
