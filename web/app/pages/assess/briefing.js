// 报送详情 (#/assess/briefing?id=3): edit the text, submit, approve or return
// (leader), download the DOCX, record sending (optionally by e-mail) and the
// superior's adoption reply.
import { get, put, post, can, formatTime } from '../../api.js';
import { routeQuery, navigate } from '../../router.js';
import { BRIEFING_STATUS_TYPES, ADOPTION_OPTIONS } from '../../modules/assess.js';

export default {
  name: 'BriefingPage',
  setup() {
    const { ref, reactive, onMounted } = Vue;
    const id = Number(routeQuery().id || 0);
    const b = ref(null);
    const form = reactive({});
    const send = reactive({ to: '', email_channel_id: 0 });
    const adoption = reactive({ adoption: 'adopted', note: '' });
    const channels = ref([]);
    const load = async () => {
      try {
        b.value = await get('/assess/briefings/' + id);
        Object.assign(form, b.value);
      } catch { /* shown */ }
    };
    const act = async (fn, msg) => {
      try { await fn(); ElementPlus.ElMessage.success(msg); await load(); } catch { /* shown */ }
    };
    const save = () => act(() => put('/assess/briefings/' + id, form), '已保存');
    const submit = () => act(async () => { await put('/assess/briefings/' + id, form); await post('/assess/briefings/' + id + '/submit'); }, '已提交审批');
    const approve = () => act(() => post('/assess/briefings/' + id + '/approve'), '已审批通过');
    const ret = async () => {
      let reason = '';
      try { reason = (await ElementPlus.ElMessageBox.prompt('退回理由', '退回修改', { confirmButtonText: '退回', cancelButtonText: '取消' })).value || ''; } catch { return; }
      await act(() => post('/assess/briefings/' + id + '/return', { reason }), '已退回');
    };
    const doSend = () => act(() => post('/assess/briefings/' + id + '/send', send), '已登记报送');
    const doAdopt = () => act(() => post('/assess/briefings/' + id + '/adoption', adoption), '已登记采用情况');
    onMounted(async () => {
      await load();
      try { channels.value = (await get('/assess/email-channels')).channels; } catch { /* shown */ }
    });
    return { b, form, send, adoption, channels, save, submit, approve, ret, doSend, doAdopt, can, formatTime,
      BRIEFING_STATUS_TYPES, ADOPTION_OPTIONS, back: () => navigate('/assess/briefings'),
      editable: () => b.value && (b.value.status === 'draft' || b.value.status === 'returned') && can('assess.edit'),
      docx: () => { window.location.href = '/api/v1/assess/briefings/' + id + '/docx'; } };
  },
  template: `
  <el-card v-if="b" shadow="never" class="panel">
    <template #header><div class="panel-header"><span class="panel-title">{{ b.kind_label }}：{{ b.title }}
      <el-tag :type="BRIEFING_STATUS_TYPES[b.status]" class="status-tag">{{ b.status_label }}</el-tag></span>
      <span><el-button v-if="b.status === 'approved' || b.status === 'sent'" @click="docx">下载文稿（Word）</el-button><el-button @click="back">返回列表</el-button></span></div></template>
    <el-alert v-if="b.status === 'returned'" type="warning" :closable="false" :title="'退回理由：' + b.return_reason" style="margin-bottom:12px" />
    <el-form label-width="96px" :disabled="!editable()">
      <el-form-item label="类型"><el-radio-group v-model="form.kind"><el-radio label="special">舆情专报</el-radio><el-radio label="brief">舆情要报</el-radio></el-radio-group></el-form-item>
      <el-form-item label="期号"><el-input v-model="form.issue_no" style="width:200px" /></el-form-item>
      <el-form-item label="标题"><el-input v-model="form.title" /></el-form-item>
      <el-form-item label="事件概况"><el-input v-model="form.summary" type="textarea" :rows="4" /></el-form-item>
      <el-form-item label="传播情况"><el-input v-model="form.spread" type="textarea" :rows="3" /></el-form-item>
      <el-form-item label="舆情态势"><el-input v-model="form.sentiment" type="textarea" :rows="3" /></el-form-item>
      <el-form-item label="处置情况"><el-input v-model="form.actions" type="textarea" :rows="3" /></el-form-item>
    </el-form>
    <div style="margin-left:96px">
      <template v-if="editable()"><el-button @click="save">保存</el-button><el-button type="primary" @click="submit">提交领导审批</el-button></template>
      <template v-if="b.status === 'submitted' && can('assess.approve')"><el-button type="success" @click="approve">审批通过</el-button><el-button type="warning" @click="ret">退回修改</el-button></template>
    </div>
    <el-descriptions :column="2" border style="margin-top:16px">
      <el-descriptions-item label="起草">{{ b.created_by_name }} {{ formatTime(b.created_at) }}</el-descriptions-item>
      <el-descriptions-item label="审批">{{ b.approved_by_name }} {{ formatTime(b.approved_at) }}</el-descriptions-item>
      <el-descriptions-item label="报送">{{ b.sent_to }} {{ formatTime(b.sent_at) }} {{ b.sent_by_name }}</el-descriptions-item>
      <el-descriptions-item label="采用情况">{{ b.adoption_label }} {{ b.adoption_note }}</el-descriptions-item>
      <el-descriptions-item v-if="b.event_id" label="来源事件"><a :href="'#/monitor/event?id=' + b.event_id">事件 {{ b.event_id }}</a></el-descriptions-item>
    </el-descriptions>
    <el-form v-if="b.status === 'approved' && can('assess.edit')" :inline="true" style="margin-top:16px" class="send-form">
      <el-form-item label="报送对象"><el-input v-model="send.to" placeholder="如：市委网信办" /></el-form-item>
      <el-form-item label="同时发邮件"><el-select v-model="send.email_channel_id" style="width:180px">
        <el-option :value="0" label="不发送" /><el-option v-for="c in channels" :key="c.id" :value="c.id" :label="c.name" /></el-select></el-form-item>
      <el-form-item><el-button type="primary" @click="doSend">登记报送</el-button></el-form-item>
    </el-form>
    <el-form v-if="b.status === 'sent' && can('assess.edit')" :inline="true" style="margin-top:16px" class="adoption-form">
      <el-form-item label="采用情况"><el-select v-model="adoption.adoption" style="width:140px">
        <el-option v-for="o in ADOPTION_OPTIONS" :key="o.value" :value="o.value" :label="o.label" /></el-select></el-form-item>
      <el-form-item label="说明"><el-input v-model="adoption.note" placeholder="如：市舆情要报第12期" /></el-form-item>
      <el-form-item><el-button type="primary" @click="doAdopt">登记采用</el-button></el-form-item>
    </el-form>
  </el-card>`,
};
