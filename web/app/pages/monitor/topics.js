// 监测方案: topics as 方案 (地域词 + 主体词 + 事件词 − 排除词) or as a rule
// expression, with syntax help and a preview of matches among stored items
// before saving.
import { get, post, put, del, can, formatTime } from '../../api.js';
import { navigate } from '../../router.js';

const split = (s) => s.split(/[\n、,，;；]+/).map((w) => w.trim()).filter(Boolean);

export default {
  name: 'MonitorTopics',
  setup() {
    const { ref, reactive, onMounted } = Vue;
    const topics = ref([]);
    const loading = ref(false);
    const editable = can('monitor.edit');
    const dialog = reactive({ open: false, editing: null, busy: false, previewing: false });
    const form = reactive({ name: '', mode: 'scheme', expression: '', regions: '', subjects: '', events: '', excludes: '', active: true });
    const preview = ref(null);
    const previewError = ref('');

    async function load() {
      loading.value = true;
      try { topics.value = (await get('/monitor/topics')).topics || []; } catch { /* shown */ } finally { loading.value = false; }
    }
    function body() {
      return { name: form.name.trim(), mode: form.mode, expression: form.expression, regions: split(form.regions),
        subjects: split(form.subjects), events: split(form.events), excludes: split(form.excludes), active: form.active };
    }
    function openAdd() {
      Object.assign(form, { name: '', mode: 'scheme', expression: '', regions: '', subjects: '', events: '', excludes: '', active: true });
      dialog.editing = null; preview.value = null; previewError.value = ''; dialog.open = true;
    }
    function openEdit(t) {
      Object.assign(form, { name: t.name, mode: t.mode, expression: t.expression, regions: t.regions.join('、'),
        subjects: t.subjects.join('、'), events: t.events.join('、'), excludes: t.excludes.join('、'), active: t.active });
      dialog.editing = t; preview.value = null; previewError.value = ''; dialog.open = true;
    }
    async function runPreview() {
      dialog.previewing = true;
      previewError.value = '';
      try {
        preview.value = await post('/monitor/topics/preview', { ...body(), name: body().name || '预览' }, { quiet: true });
      } catch (e) { preview.value = null; previewError.value = e.message; } finally { dialog.previewing = false; }
    }
    async function save() {
      if (!form.name.trim()) { ElementPlus.ElMessage.error('请填写方案名称'); return; }
      dialog.busy = true;
      try {
        if (dialog.editing) await put(`/monitor/topics/${dialog.editing.id}`, body());
        else await post('/monitor/topics', body());
        ElementPlus.ElMessage.success('已保存，新入库的信息将按此方案匹配');
        dialog.open = false;
        await load();
      } catch { /* shown */ } finally { dialog.busy = false; }
    }
    async function remove(t) {
      try {
        await ElementPlus.ElMessageBox.confirm(`删除方案“${t.name}”？已入库的信息不会删除。`, '确认删除', { type: 'warning' });
      } catch { return; }
      try { await del(`/monitor/topics/${t.id}`); ElementPlus.ElMessage.success('已删除'); await load(); } catch { /* shown */ }
    }
    onMounted(load);
    return { topics, loading, editable, dialog, form, preview, previewError, openAdd, openEdit, runPreview, save, remove,
      formatTime, navigate };
  },
  template: `
  <el-card shadow="never" class="panel">
    <template #header><div class="panel-header"><span class="panel-title">监测方案</span>
      <el-button v-if="editable" type="primary" :icon="'Plus'" @click="openAdd" data-testid="topic-add">新建方案</el-button></div></template>
    <el-table :data="topics" v-loading="loading" border stripe empty-text="暂无监测方案" data-testid="monitor-topics">
      <el-table-column prop="name" label="名称" width="180" />
      <el-table-column label="规则" min-width="300"><template #default="{ row }">
        <span v-if="row.mode === 'expression'">{{ row.expression }}</span>
        <span v-else>地域：{{ row.regions.join('、') || '—' }}；主体：{{ row.subjects.join('、') || '—' }}；事件：{{ row.events.join('、') || '—' }}<span v-if="row.excludes.length">；排除：{{ row.excludes.join('、') }}</span></span>
      </template></el-table-column>
      <el-table-column label="状态" width="80" align="center"><template #default="{ row }"><el-tag size="small" :type="row.active ? 'success' : 'info'">{{ row.active ? '启用' : '停用' }}</el-tag></template></el-table-column>
      <el-table-column label="修改时间" width="170"><template #default="{ row }">{{ formatTime(row.updated_at) }}</template></el-table-column>
      <el-table-column label="操作" width="200" align="center"><template #default="{ row }">
        <el-button link type="primary" @click="navigate('/monitor/search?topic_id=' + row.id)">查看信息</el-button>
        <el-button v-if="editable" link type="primary" @click="openEdit(row)">编辑</el-button>
        <el-button v-if="editable" link type="danger" @click="remove(row)">删除</el-button>
      </template></el-table-column>
    </el-table>

    <el-dialog v-model="dialog.open" :title="dialog.editing ? '编辑监测方案' : '新建监测方案'" width="860px" :close-on-click-modal="false">
      <el-form label-width="80px">
        <el-form-item label="名称"><el-input v-model="form.name" maxlength="60" placeholder="如：清河县·供暖" data-testid="topic-name" /></el-form-item>
        <el-form-item label="写法">
          <el-radio-group v-model="form.mode"><el-radio-button label="scheme">方案（分类填词）</el-radio-button><el-radio-button label="expression">表达式</el-radio-button></el-radio-group>
        </el-form-item>
        <template v-if="form.mode === 'scheme'">
          <el-form-item label="地域词"><el-input v-model="form.regions" placeholder="任一出现即可，用顿号分隔：清河县、城东新区" data-testid="topic-regions" /></el-form-item>
          <el-form-item label="主体词"><el-input v-model="form.subjects" placeholder="如：第二中学、实验小学（可空）" /></el-form-item>
          <el-form-item label="事件词"><el-input v-model="form.events" placeholder="如：供暖、暖气、热力公司" data-testid="topic-events" /></el-form-item>
          <el-form-item label="排除词"><el-input v-model="form.excludes" placeholder="出现即不算，如：招聘、广告" /></el-form-item>
          <div class="panel-note" style="margin:0 0 12px 80px">含义：（任一地域词）且（任一主体词）且（任一事件词）且不含任何排除词；空的一栏不参与。每个词也可以写成表达式，如 “中学|小学”。</div>
        </template>
        <template v-else>
          <el-form-item label="表达式"><el-input v-model="form.expression" type="textarea" :rows="3" placeholder='清河县 (供暖 | 暖气) -广告' /></el-form-item>
          <el-collapse style="margin:0 0 12px 80px"><el-collapse-item title="表达式写法说明">
            <div class="panel-note" style="line-height:1.9">
              空格 或 AND：同时出现　　| 或 OR：任一出现　　-词 或 NOT 词：不出现<br>
              ( … )：分组　　"垃圾 焚烧"：按原样匹配短语　　化工 NEAR/10 爆炸：两词相距 10 字以内<br>
              title:环保 / 标题:环保：只查标题（还有 正文: 来源: 站点:）　　环保*：以“环保”开头的词<br>
              规则必须至少有一个要出现的词，单独的“-广告”不能作为方案。
            </div>
          </el-collapse-item></el-collapse>
        </template>
        <el-form-item label="状态"><el-switch v-model="form.active" active-text="启用" inactive-text="停用" /></el-form-item>
      </el-form>
      <el-divider content-position="left">预览：在最近入库的信息中的命中情况</el-divider>
      <el-button :loading="dialog.previewing" @click="runPreview" data-testid="topic-preview">预览命中</el-button>
      <el-alert v-if="previewError" :title="previewError" type="error" show-icon :closable="false" style="margin-top:8px" />
      <div v-if="preview" style="margin-top:8px" data-testid="topic-preview-result">
        <div class="panel-note">规则含义：{{ preview.reads_as }}</div>
        <div style="margin:6px 0">在最近 {{ preview.scanned }} 条信息中命中 <b>{{ preview.matched }}</b> 条</div>
        <el-table :data="preview.hits" size="small" max-height="260" empty-text="没有命中">
          <el-table-column prop="title" label="标题" width="220" />
          <el-table-column prop="outlet" label="来源" width="110" />
          <el-table-column prop="snippet" label="命中位置" />
        </el-table>
      </div>
      <template #footer>
        <el-button @click="dialog.open = false">取消</el-button>
        <el-button type="primary" :loading="dialog.busy" @click="save" data-testid="topic-save">保存</el-button>
      </template>
    </el-dialog>
  </el-card>`,
};
