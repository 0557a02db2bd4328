// 稿件详情 (#/review/draft?id=N): the text with the automated findings
// highlighted inline (colour by category; hover or click shows rule and
// suggestion), the findings beside it, the decision buttons of the current
// stage for a user whose role may decide it, 编辑 (new version), 撤回 (the
// author takes back a draft still in review), 登记发布,
// version history and every decision with the version hash it was made on.
import { get, post, formatTime } from '../../api.js';
import { routeQuery, navigate } from '../../router.js';
import { CATEGORIES, segments, ensureStyles, statusTagType, statusText, duration, fileToBase64,
  MAX_UPLOAD_BYTES, UPLOAD_ACCEPT } from './common.js';

export default {
  name: 'ReviewDraftPage',
  setup() {
    const { ref, reactive, computed, onMounted } = Vue;
    ensureStyles();
    const id = Number(routeQuery().id || 0);
    const data = ref(null);
    const shown = ref(null);  // the version on screen (current or historical)
    const loading = ref(false);
    const active = ref(-1);
    const decision = reactive({ comment: '', busy: false });
    const edit = reactive({ open: false, mode: 'paste', text: '', file: null, busy: false });
    const pub = reactive({ open: false, date: '', url: '', busy: false });
    const dis = reactive({ open: false, finding: null, reason: '', whitelist: false, busy: false });

    const draft = computed(() => data.value?.draft || {});
    const isCurrent = computed(() => shown.value && data.value && shown.value.id === data.value.version.id);
    const dismissedKey = (f) => `${f.rule}|${f.start}|${f.end}`;
    const dismissed = computed(() => {
      const m = {};
      for (const d of data.value?.dismissals || []) if (shown.value && d.version_id === shown.value.id) m[`${d.rule}|${d.start}|${d.end}`] = d;
      return m;
    });
    const runs = computed(() => segments(shown.value?.text, shown.value?.findings));
    const stepActive = computed(() => {
      const d = draft.value;
      const stages = d.required_stages || [];
      if (d.status === 'in_review') return stages.findIndex((s) => s.name === d.stage);
      if (d.status === 'approved' || d.status === 'published') return stages.length;
      return -1;
    });

    async function load() {
      if (!id) return;
      loading.value = true;
      try {
        data.value = await get(`/review/drafts/${id}`);
        shown.value = data.value.version;
        active.value = -1;
      } catch { /* shown */ } finally { loading.value = false; }
    }
    async function showVersion(v) {
      try { shown.value = await get(`/review/versions/${v.id}`); active.value = -1; } catch { /* shown */ }
    }
    function select(index) {
      active.value = index;
      const el = document.querySelector(`[data-finding="${index}"]`);
      if (el) el.scrollIntoView({ block: 'nearest' });
    }
    function tip(f) {
      return `${f.category_label}｜${f.severity_label}｜${f.rule}\n${f.message}${f.suggestion ? '\n建议：' + f.suggestion : ''}`;
    }
    async function decide(kind) {
      if (kind !== 'approve' && !decision.comment.trim()) {
        return ElementPlus.ElMessage.warning('退回修改或不予发布时请填写审核意见');
      }
      if (kind === 'reject') {
        try {
          await ElementPlus.ElMessageBox.confirm('“不予发布”是最终决定，稿件将不能再修改。确定吗？', '不予发布',
            { type: 'warning', confirmButtonText: '确定不予发布', cancelButtonText: '取消' });
        } catch { return; }
      }
      decision.busy = true;
      try {
        const v = data.value.version;
        data.value = await post(`/review/drafts/${id}/decisions`, { stage: draft.value.stage, decision: kind,
          version_id: v.id, version_sha256: v.sha256, comment: decision.comment.trim() });
        shown.value = data.value.version;
        decision.comment = '';
        ElementPlus.ElMessage.success({ approve: '已通过', return: '已退回作者修改', reject: '已决定不予发布' }[kind]);
      } catch (e) {
        if (e.status === 409) load();
      } finally { decision.busy = false; }
    }
    function openEdit() {
      Object.assign(edit, { open: true, mode: 'paste', text: data.value.version.text, file: null, busy: false });
    }
    function pickFile(ev) {
      const f = ev.target.files && ev.target.files[0];
      if (f && f.size > MAX_UPLOAD_BYTES) { ElementPlus.ElMessage.error('文件过大（上限 10 MB）'); ev.target.value = ''; return; }
      edit.file = f || null;
    }
    async function saveEdit() {
      const body = { base_version_id: data.value.version.id };
      if (edit.mode === 'paste') {
        if (!edit.text.trim()) return ElementPlus.ElMessage.warning('正文不能为空');
        body.text = edit.text;
      } else {
        if (!edit.file) return ElementPlus.ElMessage.warning('请选择文件');
        body.filename = edit.file.name;
        body.content_base64 = await fileToBase64(edit.file);
      }
      edit.busy = true;
      try {
        data.value = await post(`/review/drafts/${id}/versions`, body);
        shown.value = data.value.version;
        edit.open = false;
        ElementPlus.ElMessage.success(`已保存为第 ${data.value.version.number} 版，重新进入${data.value.draft.stage_label}`);
      } catch { /* shown */ } finally { edit.busy = false; }
    }
    async function withdraw() {
      let reason = '';
      try {
        const r = await ElementPlus.ElMessageBox.prompt('撤回后稿件退出审核流程，修改后可重新提交审核。撤回说明（可不填）：',
          '撤回稿件', { confirmButtonText: '确定撤回', cancelButtonText: '取消', inputPlaceholder: '如：内容需要补充',
            inputValidator: (v) => (v || '').length <= 500 || '撤回说明不超过 500 字' });
        reason = (r.value || '').trim();
      } catch { return; }
      try {
        data.value = await post(`/review/drafts/${id}/withdraw`, { reason });
        shown.value = data.value.version;
        ElementPlus.ElMessage.success('已撤回；修改后将重新进入审核');
      } catch (e) {
        if (e.status === 409) load();
      }
    }
    function openPublish() {
      const d = new Date();
      const p = (n) => String(n).padStart(2, '0');
      Object.assign(pub, { open: true, date: `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`, url: '', busy: false });
    }
    async function savePublish() {
      if (!pub.date) return ElementPlus.ElMessage.warning('请选择发布日期');
      pub.busy = true;
      try {
        data.value = await post(`/review/drafts/${id}/publish`, { published_on: pub.date, url: pub.url.trim() });
        pub.open = false;
        ElementPlus.ElMessage.success('已登记发布，记入发布台账');
      } catch { /* shown */ } finally { pub.busy = false; }
    }
    function openDismiss(f) {
      Object.assign(dis, { open: true, finding: f, reason: '', whitelist: false, busy: false });
    }
    async function saveDismiss() {
      const f = dis.finding;
      dis.busy = true;
      try {
        data.value = await post(`/review/drafts/${id}/dismissals`, { version_id: shown.value.id, rule: f.rule,
          start: f.start, end: f.end, reason: dis.reason.trim(), whitelist: dis.whitelist });
        shown.value = data.value.version;
        dis.open = false;
        ElementPlus.ElMessage.success(dis.whitelist ? '已标记并加入本单位白名单' : '已标记为无需修改');
      } catch { /* shown */ } finally { dis.busy = false; }
    }

    onMounted(load);
    return { id, data, draft, shown, isCurrent, loading, active, runs, dismissed, dismissedKey, stepActive,
      decision, edit, pub, dis, CATEGORIES, select, tip, decide, withdraw, openEdit, pickFile, saveEdit, openPublish,
      savePublish, openDismiss, saveDismiss, showVersion, formatTime, statusTagType, statusText, duration, navigate,
      UPLOAD_ACCEPT };
  },
  template: `
  <div v-loading="loading">
    <el-result v-if="!id" icon="warning" title="未指定稿件">
      <template #extra><el-button type="primary" @click="navigate('/review/drafts')">返回稿件列表</el-button></template>
    </el-result>
    <template v-else-if="data">
      <el-card shadow="never" class="panel">
        <template #header>
          <div class="panel-header">
            <span class="panel-title" data-testid="draft-title">{{ draft.title }}</span>
            <div class="rv-actions">
              <el-tag :type="statusTagType(draft.status)" data-testid="draft-status">{{ statusText(draft) }}</el-tag>
              <el-button v-if="draft.can.edit" :icon="'Edit'" @click="openEdit" data-testid="draft-edit">编辑</el-button>
              <el-button v-if="draft.can.withdraw" :icon="'RefreshLeft'" @click="withdraw" data-testid="draft-withdraw">撤回</el-button>
              <el-button v-if="draft.can.publish" type="success" :icon="'Promotion'" @click="openPublish" data-testid="draft-publish">登记发布</el-button>
              <el-button @click="navigate('/review/drafts')">返回列表</el-button>
            </div>
          </div>
        </template>
        <div class="rv-meta">
          阵地：{{ draft.channel_name }}　作者：{{ draft.author_name }}　提交：{{ formatTime(draft.created_at) }}
          　当前第 {{ draft.version_count }} 版
          <span v-if="draft.status === 'published'">　发布日期：{{ draft.published_on }}
            <el-link v-if="draft.published_url" :href="draft.published_url" target="_blank" type="primary">{{ draft.published_url }}</el-link></span>
        </div>
        <el-steps :active="stepActive" finish-status="success" simple style="margin-top: 12px">
          <el-step title="提交" />
          <el-step v-for="s in draft.required_stages" :key="s.name" :title="s.label" />
          <el-step :title="draft.status === 'published' ? '已发布' : '待发布'" />
        </el-steps>
      </el-card>

      <el-card v-if="draft.can.decide" shadow="never" class="panel" data-testid="decision-panel">
        <template #header><div class="panel-header"><span class="panel-title">{{ draft.stage_label }}意见</span>
          <span class="panel-note">针对第 {{ data.version.number }} 版（摘要 <span class="rv-hash">{{ data.version.sha256.slice(0, 12) }}</span>）</span></div></template>
        <el-input v-model="decision.comment" type="textarea" :rows="2" maxlength="1000" show-word-limit
                  placeholder="审核意见（退回修改、不予发布时必填）" data-testid="decision-comment" />
        <div class="rv-actions" style="margin-top: 10px">
          <el-button type="success" :loading="decision.busy" @click="decide('approve')" data-testid="decision-approve">通过</el-button>
          <el-button type="warning" :loading="decision.busy" @click="decide('return')" data-testid="decision-return">退回修改</el-button>
          <el-button type="danger" plain :loading="decision.busy" @click="decide('reject')" data-testid="decision-reject">不予发布</el-button>
        </div>
      </el-card>

      <el-row :gutter="16">
        <el-col :span="16">
          <el-card shadow="never" class="panel">
            <template #header><div class="panel-header">
              <span class="panel-title">正文（第 {{ shown.number }} 版）</span>
              <span v-if="!isCurrent" class="rv-actions"><el-tag type="info">历史版本</el-tag>
                <el-button size="small" @click="showVersion(data.version)">回到最新版本</el-button></span>
            </div></template>
            <div class="rv-legend">
              <span v-for="c in CATEGORIES" :key="c.value"><span :class="['rv-dot', 'rv-cat-' + c.value]"></span>{{ c.label }}</span>
            </div>
            <div class="rv-text" data-testid="draft-text"><template v-for="(r, i) in runs" :key="i"><span v-if="r.finding"
              :class="['rv-hl', 'rv-cat-' + r.finding.category, { 'rv-active': active === r.finding.index, 'rv-dismissed': dismissed[dismissedKey(r.finding)] }]"
              :title="tip(r.finding)" :data-rule="r.finding.rule" @click="select(r.finding.index)">{{ r.text }}</span><template v-else>{{ r.text }}</template></template></div>
          </el-card>
        </el-col>
        <el-col :span="8">
          <el-card shadow="never" class="panel">
            <template #header><div class="panel-header"><span class="panel-title">自动检查（{{ shown.findings.length }}）</span></div></template>
            <el-empty v-if="!shown.findings.length" description="未发现问题" :image-size="60" />
            <div v-for="(f, i) in shown.findings" :key="i" :data-finding="i" :class="['rv-finding', { 'rv-active': active === i }]"
                 @click="select(i)" data-testid="finding">
              <div><span :class="['rv-dot', 'rv-cat-' + f.category]"></span>{{ f.category_label }}
                <el-tag size="small" :type="f.severity === 'error' ? 'danger' : f.severity === 'warning' ? 'warning' : 'info'">{{ f.severity_label }}</el-tag>
                <span class="rv-meta">第 {{ f.line }} 行</span></div>
              <div class="rv-f-text">“{{ f.text }}”<span v-if="f.suggestion"> → {{ f.suggestion }}</span></div>
              <div class="rv-f-msg">{{ f.message }}</div>
              <div v-if="dismissed[dismissedKey(f)]" class="rv-meta">已由{{ dismissed[dismissedKey(f)].user_name }}标记无需修改{{ dismissed[dismissedKey(f)].whitelisted ? '（已加入白名单）' : '' }}{{ dismissed[dismissedKey(f)].reason ? '：' + dismissed[dismissedKey(f)].reason : '' }}</div>
              <el-button v-else-if="isCurrent && draft.status !== 'published' && draft.status !== 'rejected'" link type="primary" size="small" @click.stop="openDismiss(f)">无需修改</el-button>
            </div>
          </el-card>
        </el-col>
      </el-row>

      <el-row :gutter="16">
        <el-col :span="12">
          <el-card shadow="never" class="panel">
            <template #header><div class="panel-header"><span class="panel-title">审核记录</span></div></template>
            <el-empty v-if="!data.decisions.length" description="尚无审核意见" :image-size="60" />
            <el-timeline v-else>
              <el-timeline-item v-for="d in data.decisions" :key="d.id" :timestamp="formatTime(d.at)"
                :type="{ approve: 'success', return: 'warning', withdraw: 'info' }[d.decision] || 'danger'">
                {{ d.stage_label }}・{{ d.reviewer_name }}・<b>{{ d.decision_label }}</b>
                <span class="rv-meta">（第 {{ (data.versions.find(v => v.id === d.version_id) || {}).number }} 版，摘要 <span class="rv-hash">{{ d.version_sha256.slice(0, 12) }}</span>，本环节用时 {{ duration(d.stage_seconds) }}）</span>
                <div v-if="d.comment">{{ d.comment }}</div>
              </el-timeline-item>
            </el-timeline>
          </el-card>
        </el-col>
        <el-col :span="12">
          <el-card shadow="never" class="panel">
            <template #header><div class="panel-header"><span class="panel-title">版本历史</span></div></template>
            <el-table :data="data.versions" border size="small" data-testid="versions-table">
              <el-table-column label="版本" width="70"><template #default="{ row }">第 {{ row.number }} 版</template></el-table-column>
              <el-table-column prop="author_name" label="提交人" width="90" />
              <el-table-column prop="source" label="来源" min-width="100" />
              <el-table-column label="问题" width="60" align="center" prop="finding_count" />
              <el-table-column label="时间" width="150"><template #default="{ row }">{{ formatTime(row.created_at) }}</template></el-table-column>
              <el-table-column label="" width="60"><template #default="{ row }"><el-button link type="primary" @click="showVersion(row)">查看</el-button></template></el-table-column>
            </el-table>
          </el-card>
        </el-col>
      </el-row>

      <el-dialog v-model="edit.open" title="编辑稿件（保存为新版本）" width="760px" :close-on-click-modal="false">
        <el-alert type="warning" :closable="false" show-icon style="margin-bottom: 10px"
          title="保存后稿件将回到第一个审核环节，已有的审核通过意见不再适用于新版本。" />
        <el-radio-group v-model="edit.mode" style="margin-bottom: 10px">
          <el-radio value="paste">修改正文</el-radio><el-radio value="upload">上传新文件</el-radio>
        </el-radio-group>
        <el-input v-if="edit.mode === 'paste'" v-model="edit.text" type="textarea" :rows="16" data-testid="edit-text" />
        <div v-else><input type="file" :accept="UPLOAD_ACCEPT" @change="pickFile" />
          <div class="panel-note">支持 .txt、.md、.html、.docx，最大 10 MB</div></div>
        <template #footer>
          <el-button @click="edit.open = false">取消</el-button>
          <el-button type="primary" :loading="edit.busy" @click="saveEdit" data-testid="edit-save">保存并重新送审</el-button>
        </template>
      </el-dialog>

      <el-dialog v-model="pub.open" title="登记发布" width="480px" :close-on-click-modal="false">
        <el-form label-width="80px">
          <el-form-item label="发布日期" required><el-date-picker v-model="pub.date" type="date" value-format="YYYY-MM-DD" style="width: 100%" /></el-form-item>
          <el-form-item label="发布网址"><el-input v-model="pub.url" placeholder="https://..." /></el-form-item>
        </el-form>
        <template #footer>
          <el-button @click="pub.open = false">取消</el-button>
          <el-button type="primary" :loading="pub.busy" @click="savePublish">确定</el-button>
        </template>
      </el-dialog>

      <el-dialog v-model="dis.open" title="标记为无需修改" width="480px" :close-on-click-modal="false">
        <p v-if="dis.finding">“{{ dis.finding.text }}”：{{ dis.finding.message }}</p>
        <el-input v-model="dis.reason" type="textarea" :rows="2" placeholder="说明理由（如：本单位专有名称）" />
        <el-checkbox v-model="dis.whitelist" :disabled="dis.finding && dis.finding.category === 'pii'" style="margin-top: 10px">
          加入白名单（本单位今后的稿件不再提示该用语）</el-checkbox>
        <div v-if="dis.finding && dis.finding.category === 'pii'" class="panel-note">个人信息类问题不能加入白名单。</div>
        <template #footer>
          <el-button @click="dis.open = false">取消</el-button>
          <el-button type="primary" :loading="dis.busy" @click="saveDismiss">确定</el-button>
        </template>
      </el-dialog>
    </template>
  </div>`,
};
