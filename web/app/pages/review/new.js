// 新建稿件: choose the channel, paste the text or upload a .txt/.md/.html/
// .docx file; the server checks it at once and the detail page opens.
import { get, post } from '../../api.js';
import { navigate } from '../../router.js';
import { fileToBase64, MAX_UPLOAD_BYTES, UPLOAD_ACCEPT } from './common.js';

export default {
  name: 'ReviewNewDraftPage',
  setup() {
    const { ref, reactive, onMounted } = Vue;
    const channels = ref([]);
    const form = reactive({ channel_id: null, title: '', mode: 'paste', text: '', file: null });
    const busy = ref(false);
    const fileInput = ref(null);

    onMounted(async () => {
      try {
        channels.value = ((await get('/review/channels')).channels || []).filter((c) => c.active);
        if (channels.value.length === 1) form.channel_id = channels.value[0].id;
      } catch { /* shown */ }
    });
    function pickFile(ev) {
      const f = ev.target.files && ev.target.files[0];
      if (!f) return;
      if (f.size > MAX_UPLOAD_BYTES) {
        ElementPlus.ElMessage.error('文件过大（上限 10 MB）');
        ev.target.value = '';
        return;
      }
      form.file = f;
      if (!form.title) form.title = f.name.replace(/\.[^.]+$/, '');
    }
    async function submit() {
      if (!form.channel_id) return ElementPlus.ElMessage.warning('请选择发布阵地');
      if (!form.title.trim()) return ElementPlus.ElMessage.warning('请填写标题');
      const body = { channel_id: form.channel_id, title: form.title.trim() };
      if (form.mode === 'paste') {
        if (!form.text.trim()) return ElementPlus.ElMessage.warning('请粘贴稿件正文');
        body.text = form.text;
      } else {
        if (!form.file) return ElementPlus.ElMessage.warning('请选择要上传的文件');
        body.filename = form.file.name;
        try { body.content_base64 = await fileToBase64(form.file); } catch (e) { return ElementPlus.ElMessage.error(e.message); }
      }
      busy.value = true;
      try {
        const r = await post('/review/drafts', body);
        const n = (r.version.findings || []).length;
        ElementPlus.ElMessage.success(n ? `已提交，自动检查发现 ${n} 处问题` : '已提交，自动检查未发现问题');
        navigate(`/review/draft?id=${r.draft.id}`);
      } catch { /* shown */ } finally { busy.value = false; }
    }
    return { channels, form, busy, fileInput, pickFile, submit, UPLOAD_ACCEPT };
  },
  template: `
  <el-card shadow="never" class="panel">
    <template #header><div class="panel-header"><span class="panel-title">新建稿件</span>
      <span class="panel-note">提交后系统立即自动检查，并进入该阵地要求的第一个审核环节</span></div></template>
    <el-form label-width="90px" style="max-width: 900px" @submit.prevent="submit">
      <el-form-item label="发布阵地" required>
        <el-select v-model="form.channel_id" placeholder="选择要发布到的阵地" style="width: 100%" data-testid="new-channel">
          <el-option v-for="c in channels" :key="c.id" :value="c.id" :label="c.name + '（' + c.kind_label + '）'" />
        </el-select>
      </el-form-item>
      <el-form-item label="标题" required>
        <el-input v-model="form.title" maxlength="100" show-word-limit data-testid="new-title" />
      </el-form-item>
      <el-form-item label="稿件来源">
        <el-radio-group v-model="form.mode">
          <el-radio value="paste">粘贴正文</el-radio>
          <el-radio value="upload">上传文件</el-radio>
        </el-radio-group>
      </el-form-item>
      <el-form-item v-if="form.mode === 'paste'" label="正文" required>
        <el-input v-model="form.text" type="textarea" :rows="16" placeholder="将稿件正文粘贴到这里" data-testid="new-text" />
      </el-form-item>
      <el-form-item v-else label="文件" required>
        <input ref="fileInput" type="file" :accept="UPLOAD_ACCEPT" @change="pickFile" data-testid="new-file" />
        <div class="panel-note" style="width: 100%">支持 .txt、.md、.html、.docx，最大 10 MB；旧版 .doc/.wps 请先另存为 .docx。</div>
      </el-form-item>
      <el-form-item>
        <el-button type="primary" :loading="busy" @click="submit" data-testid="new-submit">提交审核</el-button>
      </el-form-item>
    </el-form>
  </el-card>`,
};
