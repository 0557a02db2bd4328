// 信息源: monitoring sources with their health (last success, last error,
// items per day), add/edit, 立即抓取, file import with a per-line result and
// the API tokens of the push interface (shown once at creation).
import { get, post, put, del, can, formatTime, session } from '../../api.js';

const KINDS = [
  { value: 'rss', label: 'RSS/Atom 订阅' },
  { value: 'page', label: '网页监测' },
  { value: 'import', label: '文件导入' },
  { value: 'push', label: '接口推送' },
];
const ITEM_KINDS = [
  { value: 'news', label: '新闻' }, { value: 'forum', label: '论坛' }, { value: 'post', label: '帖文' },
  { value: 'complaint', label: '投诉/来信' }, { value: 'video', label: '视频' }, { value: 'other', label: '其他' },
];

export default {
  name: 'MonitorSourcesPage',
  setup() {
    const { ref, reactive, computed, onMounted } = Vue;
    const sources = ref([]);
    const tokens = ref([]);
    const loading = ref(false);
    const editable = can('monitor.sources.edit');
    const running = reactive({});
    const dialog = reactive({ open: false, editing: null, busy: false });
    const form = reactive({ name: '', kind: 'rss', url: '', outlet: '', item_kind: 'news', interval_minutes: 60, enabled: true });
    const formRef = ref(null);
    const imp = reactive({ open: false, source_id: 0, format: 'csv', file: null, busy: false, result: null });
    const tok = reactive({ open: false, name: '', source_id: 0, busy: false, secret: '' });

    const needsUrl = computed(() => form.kind === 'rss' || form.kind === 'page');
    const rules = computed(() => ({
      name: [{ required: true, message: '请输入信息源名称', trigger: 'blur' }],
      url: needsUrl.value ? [
        { required: true, message: '请输入网址', trigger: 'blur' },
        { pattern: /^https?:\/\/\S+$/i, message: '网址须以 http:// 或 https:// 开头', trigger: 'blur' },
      ] : [],
    }));
    const importSources = computed(() => sources.value.filter((s) => s.kind === 'import'));
    const pushSources = computed(() => sources.value.filter((s) => s.kind === 'push'));
    const sourceName = (id) => (sources.value.find((s) => s.id === id) || {}).name || '';
    const kindLabel = (k) => (KINDS.find((x) => x.value === k) || {}).label || k;

    async function load() {
      loading.value = true;
      try {
        const s = await get('/monitor/sources');
        sources.value = s.sources || [];
        if (editable) tokens.value = (await get('/monitor/push-tokens')).tokens || [];
      } catch { /* shown */ } finally { loading.value = false; }
    }

    function openAdd() {
      dialog.editing = null;
      Object.assign(form, { name: '', kind: 'rss', url: '', outlet: '', item_kind: 'news', interval_minutes: 60, enabled: true });
      dialog.open = true;
      formRef.value?.clearValidate();
    }
    function openEdit(row) {
      dialog.editing = row;
      Object.assign(form, { name: row.name, kind: row.kind, url: row.url, outlet: row.outlet, item_kind: row.item_kind,
        interval_minutes: row.interval_minutes, enabled: row.enabled });
      dialog.open = true;
      formRef.value?.clearValidate();
    }
    async function save() {
      const valid = await formRef.value.validate().catch(() => false);
      if (!valid) return;
      dialog.busy = true;
      const body = { name: form.name.trim(), kind: form.kind, url: form.url.trim(), outlet: form.outlet.trim(),
        item_kind: form.item_kind, interval_minutes: form.interval_minutes, enabled: form.enabled };
      try {
        if (dialog.editing) await put(`/monitor/sources/${dialog.editing.id}`, body);
        else await post('/monitor/sources', body);
        ElementPlus.ElMessage.success('已保存');
        dialog.open = false;
        await load();
      } catch { /* shown */ } finally { dialog.busy = false; }
    }
    async function remove(row) {
      try {
        await ElementPlus.ElMessageBox.confirm(`删除信息源“${row.name}”？已入库的信息会保留，抓取记录和接入令牌会一并删除。`,
          '删除信息源', { type: 'warning', confirmButtonText: '删除', cancelButtonText: '取消' });
      } catch { return; }
      try { await del(`/monitor/sources/${row.id}`); ElementPlus.ElMessage.success('已删除'); await load(); } catch { /* shown */ }
    }
    async function runNow(row) {
      running[row.id] = true;
      try {
        // A watched page with many new articles is fetched politely, one
        // request every few seconds: this can take minutes.
        const r = await post(`/monitor/sources/${row.id}/run`, {}, {
          timeoutMs: 180000, timeoutMessage: '抓取仍在进行，请稍后刷新列表查看结果',
        });
        const extra = r.errors && r.errors.length ? `（${r.errors.length} 条提示）` : '';
        ElementPlus.ElMessage.success(`${row.name}：${r.message}${extra}`);
      } catch { /* shown */ } finally {
        running[row.id] = false;
        await load();
      }
    }

    function openImport(row) {
      Object.assign(imp, { open: true, source_id: row ? row.id : (importSources.value[0] || {}).id || 0, format: 'csv',
        file: null, busy: false, result: null });
    }
    function pickFile(ev) {
      imp.file = ev.target.files[0] || null;
      if (imp.file && /\.(jsonl|ndjson|json)$/i.test(imp.file.name)) imp.format = 'jsonl';
      if (imp.file && /\.(csv|txt)$/i.test(imp.file.name)) imp.format = 'csv';
    }
    async function upload() {
      if (!imp.file) { ElementPlus.ElMessage.warning('请选择要导入的文件'); return; }
      imp.busy = true;
      imp.result = null;
      try {
        const resp = await fetch(`/api/v1/monitor/import?format=${imp.format}&source_id=${imp.source_id || 0}`, {
          method: 'POST', body: imp.file, credentials: 'same-origin',
          headers: { 'X-CSRF-Token': session.csrf, 'Content-Type': imp.format === 'csv' ? 'text/csv' : 'application/x-ndjson' },
        });
        const data = await resp.json().catch(() => ({}));
        if (!resp.ok) {
          ElementPlus.ElMessage.error((data.error && data.error.message) || `导入失败（${resp.status}）`);
          return;
        }
        imp.result = data;
        await load();
      } catch {
        ElementPlus.ElMessage.error('无法连接服务器，请检查网络后重试');
      } finally { imp.busy = false; }
    }

    function openToken() {
      Object.assign(tok, { open: true, name: '', source_id: 0, busy: false, secret: '' });
    }
    async function createToken() {
      if (!tok.name.trim()) { ElementPlus.ElMessage.warning('请输入接入系统名称'); return; }
      tok.busy = true;
      try {
        const r = await post('/monitor/push-tokens', { name: tok.name.trim(), source_id: tok.source_id || 0 });
        tok.secret = r.token;
        await load();
      } catch { /* shown */ } finally { tok.busy = false; }
    }
    async function revoke(row) {
      try {
        await ElementPlus.ElMessageBox.confirm(`吊销“${row.name}”的接入令牌（${row.prefix}…）？对方系统将无法再推送。`, '吊销令牌',
          { type: 'warning', confirmButtonText: '吊销', cancelButtonText: '取消' });
      } catch { return; }
      try { await del(`/monitor/push-tokens/${row.id}`); ElementPlus.ElMessage.success('已吊销'); await load(); } catch { /* shown */ }
    }
    async function copySecret() {
      try { await navigator.clipboard.writeText(tok.secret); ElementPlus.ElMessage.success('已复制'); } catch {
        ElementPlus.ElMessage.info('请手动选中复制');
      }
    }

    onMounted(load);
    return { sources, tokens, loading, editable, running, dialog, form, formRef, rules, needsUrl, KINDS, ITEM_KINDS,
      imp, tok, importSources, pushSources, sourceName, kindLabel, openAdd, openEdit, save, remove, runNow, openImport,
      pickFile, upload, openToken, createToken, revoke, copySecret, formatTime };
  },
  template: `
  <div>
  <el-card shadow="never" class="panel">
    <template #header>
      <div class="panel-header">
        <span class="panel-title">信息源</span>
        <div>
          <el-tag v-if="!editable" type="info" size="small" class="readonly-tag">只读</el-tag>
          <el-button v-if="editable" @click="openImport(null)" data-testid="open-import">导入文件</el-button>
          <el-button v-if="editable" type="primary" :icon="'Plus'" @click="openAdd" data-testid="add-source">新增信息源</el-button>
        </div>
      </div>
    </template>
    <el-alert type="info" :closable="false" show-icon class="hint"
      title="抓取遵守网站的 robots.txt，使用条件请求并限制频率；不登录、不绕过反爬措施。信息只记录来源媒体、网站和链接，不记录作者。" />
    <el-table :data="sources" v-loading="loading" border stripe empty-text="还没有信息源，点“新增信息源”添加" data-testid="sources-table">
      <el-table-column prop="name" label="名称" min-width="140" />
      <el-table-column label="类型" width="120"><template #default="{ row }">{{ kindLabel(row.kind) }}</template></el-table-column>
      <el-table-column label="网址 / 说明" min-width="200" show-overflow-tooltip>
        <template #default="{ row }">{{ row.url || (row.kind === 'push' ? '由外部系统推送' : '上传文件导入') }}</template>
      </el-table-column>
      <el-table-column label="间隔" width="80" align="center">
        <template #default="{ row }">{{ row.kind === 'rss' || row.kind === 'page' ? row.interval_minutes + ' 分' : '—' }}</template>
      </el-table-column>
      <el-table-column label="最近成功" width="160"><template #default="{ row }">{{ formatTime(row.health.last_success_at) || '—' }}</template></el-table-column>
      <el-table-column label="最近错误" min-width="180">
        <template #default="{ row }">
          <span v-if="row.health.last_error" class="text-danger" :title="formatTime(row.health.last_error_at)">{{ row.health.last_error }}</span>
          <span v-else>—</span>
        </template>
      </el-table-column>
      <el-table-column label="今日 / 7天" width="100" align="center">
        <template #default="{ row }">{{ row.health.items_today }} / {{ row.health.items_7days }}</template>
      </el-table-column>
      <el-table-column label="状态" width="70" align="center">
        <template #default="{ row }"><el-tag :type="row.enabled ? 'success' : 'info'" size="small">{{ row.enabled ? '启用' : '停用' }}</el-tag></template>
      </el-table-column>
      <el-table-column v-if="editable" label="操作" width="200" align="center" fixed="right">
        <template #default="{ row }">
          <el-button v-if="row.kind === 'rss' || row.kind === 'page'" link type="primary" :loading="running[row.id]" @click="runNow(row)">立即抓取</el-button>
          <el-button v-if="row.kind === 'import'" link type="primary" @click="openImport(row)">导入</el-button>
          <el-button link type="primary" @click="openEdit(row)">编辑</el-button>
          <el-button link type="danger" @click="remove(row)">删除</el-button>
        </template>
      </el-table-column>
    </el-table>
  </el-card>

  <el-card v-if="editable" shadow="never" class="panel" style="margin-top: 16px">
    <template #header>
      <div class="panel-header">
        <span class="panel-title">接入令牌（接口推送）</span>
        <el-button :icon="'Plus'" @click="openToken" data-testid="add-token">新建令牌</el-button>
      </div>
    </template>
    <p class="hint">其他系统（如市长信箱、12345 热线）用 <code>POST /api/v1/push/items</code> 并在请求头带
      <code>Authorization: Bearer 令牌</code> 推送信息。令牌只在创建时显示一次，系统只保存其摘要。</p>
    <el-table :data="tokens" border stripe empty-text="暂无接入令牌" data-testid="tokens-table">
      <el-table-column prop="name" label="接入系统" min-width="140" />
      <el-table-column label="信息源" min-width="120"><template #default="{ row }">{{ sourceName(row.source_id) }}</template></el-table-column>
      <el-table-column label="令牌开头" width="130"><template #default="{ row }"><code>{{ row.prefix }}…</code></template></el-table-column>
      <el-table-column label="创建时间" width="160"><template #default="{ row }">{{ formatTime(row.created_at) }}</template></el-table-column>
      <el-table-column label="最近使用" width="160"><template #default="{ row }">{{ formatTime(row.last_used_at) || '从未' }}</template></el-table-column>
      <el-table-column label="状态" width="80" align="center">
        <template #default="{ row }"><el-tag :type="row.active ? 'success' : 'info'" size="small">{{ row.active ? '有效' : '已吊销' }}</el-tag></template>
      </el-table-column>
      <el-table-column label="操作" width="90" align="center">
        <template #default="{ row }"><el-button v-if="row.active" link type="danger" @click="revoke(row)">吊销</el-button></template>
      </el-table-column>
    </el-table>
  </el-card>

  <el-dialog v-model="dialog.open" :title="dialog.editing ? '编辑信息源' : '新增信息源'" width="540px" :close-on-click-modal="false">
    <el-form ref="formRef" :model="form" :rules="rules" label-width="100px" @submit.prevent="save">
      <el-form-item label="名称" prop="name"><el-input v-model="form.name" maxlength="60" placeholder="如 清河新闻网" /></el-form-item>
      <el-form-item label="类型">
        <el-select v-model="form.kind" :disabled="!!dialog.editing" style="width: 100%">
          <el-option v-for="k in KINDS" :key="k.value" :value="k.value" :label="k.label" />
        </el-select>
      </el-form-item>
      <el-form-item v-if="needsUrl" :label="form.kind === 'rss' ? '订阅地址' : '列表页网址'" prop="url">
        <el-input v-model="form.url" placeholder="https://" />
      </el-form-item>
      <el-form-item label="来源媒体"><el-input v-model="form.outlet" maxlength="60" placeholder="留空则使用名称" /></el-form-item>
      <el-form-item label="信息类型">
        <el-select v-model="form.item_kind" style="width: 100%">
          <el-option v-for="k in ITEM_KINDS" :key="k.value" :value="k.value" :label="k.label" />
        </el-select>
      </el-form-item>
      <el-form-item v-if="needsUrl" label="抓取间隔">
        <el-input-number v-model="form.interval_minutes" :min="5" :max="10080" :step="15" /> <span class="unit">分钟</span>
      </el-form-item>
      <el-form-item label="启用"><el-switch v-model="form.enabled" /></el-form-item>
    </el-form>
    <template #footer>
      <el-button @click="dialog.open = false">取消</el-button>
      <el-button type="primary" :loading="dialog.busy" @click="save" data-testid="save-source">保存</el-button>
    </template>
  </el-dialog>

  <el-dialog v-model="imp.open" title="导入文件" width="600px" :close-on-click-modal="false">
    <el-form label-width="100px">
      <el-form-item label="导入到">
        <el-select v-model="imp.source_id" style="width: 100%" placeholder="不指定信息源">
          <el-option :value="0" label="（不指定信息源）" />
          <el-option v-for="s in importSources" :key="s.id" :value="s.id" :label="s.name" />
        </el-select>
      </el-form-item>
      <el-form-item label="格式">
        <el-radio-group v-model="imp.format"><el-radio value="csv">CSV</el-radio><el-radio value="jsonl">JSON Lines</el-radio></el-radio-group>
      </el-form-item>
      <el-form-item label="文件">
        <input type="file" accept=".csv,.txt,.jsonl,.ndjson,.json" @change="pickFile" data-testid="import-file" />
      </el-form-item>
      <p class="hint">CSV 第一行为表头，可用列名：标题、内容、链接、发布时间、来源、类型、编号（或英文 title、text、url、published_at、outlet、kind、id）。
        支持 UTF-8 与 GBK。作者、昵称、电话等个人信息列会被忽略。</p>
    </el-form>
    <div v-if="imp.result" class="import-result" data-testid="import-result">
      <el-alert :type="imp.result.errors.length ? 'warning' : 'success'" :closable="false" show-icon :title="imp.result.message" />
      <ul v-if="imp.result.errors.length" class="import-errors">
        <li v-for="(e, i) in imp.result.errors" :key="i">{{ e }}</li>
      </ul>
    </div>
    <template #footer>
      <el-button @click="imp.open = false">关闭</el-button>
      <el-button type="primary" :loading="imp.busy" @click="upload" data-testid="upload-import">导入</el-button>
    </template>
  </el-dialog>

  <el-dialog v-model="tok.open" title="新建接入令牌" width="520px" :close-on-click-modal="false">
    <div v-if="!tok.secret">
      <el-form label-width="100px" @submit.prevent="createToken">
        <el-form-item label="接入系统"><el-input v-model="tok.name" maxlength="60" placeholder="如 12345 热线系统" /></el-form-item>
        <el-form-item label="信息源">
          <el-select v-model="tok.source_id" style="width: 100%">
            <el-option :value="0" label="新建同名的“接口推送”信息源" />
            <el-option v-for="s in pushSources" :key="s.id" :value="s.id" :label="s.name" />
          </el-select>
        </el-form-item>
      </el-form>
    </div>
    <div v-else data-testid="token-secret">
      <el-alert type="warning" :closable="false" show-icon title="请立即复制并交给对方系统：关闭后无法再次查看。" />
      <el-input :model-value="tok.secret" readonly style="margin-top: 12px"><template #append><el-button @click="copySecret">复制</el-button></template></el-input>
    </div>
    <template #footer>
      <el-button @click="tok.open = false">{{ tok.secret ? '完成' : '取消' }}</el-button>
      <el-button v-if="!tok.secret" type="primary" :loading="tok.busy" @click="createToken">创建</el-button>
    </template>
  </el-dialog>
  </div>`,
};
