// 编辑报告: the four parts with editable paragraphs, the figures with links
// to the records they count, a preview with charts, 定稿 and downloads.
import { get, post, put, can, formatTime } from '../../api.js';
import { navigate, routeQuery } from '../../router.js';

const NUMS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export default {
  name: 'ReportEditorPage',
  setup() {
    const { ref, computed, onMounted } = Vue;
    const id = Number(routeQuery().id || 0);
    const report = ref(null);
    const title = ref('');
    const dateLine = ref('');
    const sections = ref([]);
    const busy = ref(false);
    const dirty = ref(false);
    const preview = ref('');
    const isDraft = computed(() => report.value && report.value.status === 'draft');
    const editable = computed(() => isDraft.value && can('reports.edit'));

    function adopt(r) {
      report.value = r;
      title.value = r.content.title;
      dateLine.value = r.content.date_line;
      sections.value = r.content.sections.map((s) => ({ title: s.title,
        paragraphs: s.paragraphs.map((p) => ({ heading: p.heading, text: p.text })) }));
      dirty.value = false;
      loadPreview();
    }
    // Figures with record ids open the exact list of the records counted;
    // sums and volumes open the module's list for the period.
    const figureLink = (f) => (f.record_ids.length
      ? `#/reports/figure?id=${id}&key=${encodeURIComponent(f.key)}` : f.link);
    async function load() {
      if (!id) { navigate('/reports/list'); return; }
      try { adopt(await get(`/reports/${id}`)); } catch { /* shown */ }
    }
    async function loadPreview() {
      try {
        const resp = await fetch(`/api/v1/reports/${id}/download?format=html&inline=1`, { credentials: 'same-origin' });
        preview.value = resp.ok ? await resp.text() : '';
      } catch { preview.value = ''; }
    }
    async function save() {
      busy.value = true;
      try {
        adopt(await put(`/reports/${id}`, { title: title.value, date_line: dateLine.value, sections: sections.value }));
        ElementPlus.ElMessage.success('已保存');
      } catch { /* shown */ } finally { busy.value = false; }
    }
    async function regenerate() {
      try {
        await ElementPlus.ElMessageBox.confirm('将根据最新记录重新生成数据和文字，当前文字保存在历史版本中。继续吗？', '重新生成', { type: 'warning' });
      } catch { return; }
      busy.value = true;
      try { adopt(await post(`/reports/${id}/regenerate`)); ElementPlus.ElMessage.success('已重新生成'); } catch { /* shown */ } finally { busy.value = false; }
    }
    async function finalize() {
      if (dirty.value) { ElementPlus.ElMessage.warning('请先保存修改'); return; }
      try {
        await ElementPlus.ElMessageBox.confirm('定稿后报告不能再修改，系统将保存定稿的 Word 文件。确定定稿吗？', '定稿', { type: 'warning' });
      } catch { return; }
      busy.value = true;
      try { adopt(await post(`/reports/${id}/finalize`)); ElementPlus.ElMessage.success('已定稿'); } catch { /* shown */ } finally { busy.value = false; }
    }
    const addParagraph = (s) => { s.paragraphs.push({ heading: '', text: '' }); dirty.value = true; };
    const removeParagraph = (s, i) => { s.paragraphs.splice(i, 1); dirty.value = true; };
    const download = (format) => { window.location.href = `/api/v1/reports/${id}/download?format=${format}`; };
    onMounted(load);
    return { figureLink, report, title, dateLine, sections, busy, dirty, preview, isDraft, editable, NUMS, save, regenerate,
      finalize, addParagraph, removeParagraph, download, formatTime, navigate,
      canFinalize: can('reports.finalize'), markDirty: () => { dirty.value = true; } };
  },
  template: `
  <div class="page" v-if="report">
    <div class="toolbar">
      <el-button @click="navigate('/reports/list')">返回列表</el-button>
      <el-tag :type="report.status === 'final' ? 'success' : 'info'" data-testid="report-status">{{ report.status_label }}</el-tag>
      <span class="muted">{{ report.kind_label }} · {{ report.period_label }} · 第 {{ report.version }} 版</span>
      <span style="flex: 1"></span>
      <template v-if="editable">
        <el-button type="primary" :loading="busy" :disabled="!dirty" data-testid="report-save" @click="save">保存</el-button>
        <el-button :loading="busy" @click="regenerate">重新生成数据</el-button>
      </template>
      <el-button v-if="isDraft && canFinalize" type="success" :loading="busy" data-testid="report-finalize" @click="finalize">定稿</el-button>
      <el-dropdown @command="download">
        <el-button>下载<el-icon class="el-icon--right"><ArrowDown /></el-icon></el-button>
        <template #dropdown><el-dropdown-menu>
          <el-dropdown-item command="docx">Word（公文格式）</el-dropdown-item>
          <el-dropdown-item command="pdf">PDF</el-dropdown-item>
          <el-dropdown-item command="html">网页</el-dropdown-item>
          <el-dropdown-item command="xlsx">Excel 数据表</el-dropdown-item>
        </el-dropdown-menu></template>
      </el-dropdown>
    </div>
    <el-alert v-if="report.content.missing_areas.length" type="info" :closable="false" show-icon
              :title="'以下方面本期无数据：' + report.content.missing_areas.join('、')" style="margin-bottom: 12px" />
    <el-row :gutter="16">
      <el-col :span="14">
        <el-card shadow="never">
          <el-input v-model="title" :disabled="!editable" data-testid="report-title" @input="markDirty" />
          <div v-for="(s, si) in sections" :key="si" class="report-section">
            <h3>{{ NUMS[si] }}、{{ s.title }}</h3>
            <div v-for="(p, pi) in s.paragraphs" :key="pi" class="report-paragraph" style="margin-bottom: 8px">
              <el-input v-if="p.heading || editable" v-model="p.heading" :disabled="!editable" placeholder="小标题（可不填）" size="small" @input="markDirty" />
              <el-input v-model="p.text" type="textarea" autosize :disabled="!editable" :data-testid="'para-' + si + '-' + pi" @input="markDirty" />
              <el-button v-if="editable" link type="danger" size="small" @click="removeParagraph(s, pi)">删除本段</el-button>
            </div>
            <el-button v-if="editable" link type="primary" @click="addParagraph(s)">增加段落</el-button>
          </div>
          <el-input v-model="dateLine" :disabled="!editable" style="width: 200px; margin-top: 12px" @input="markDirty" />
        </el-card>
      </el-col>
      <el-col :span="10">
        <el-card shadow="never" header="数据来源（点击查看被统计的记录）">
          <el-table :data="report.content.figures" size="small" data-testid="report-figures">
            <el-table-column prop="label" label="数据项" />
            <el-table-column label="数值" width="90"><template #default="{ row }">{{ row.value }} {{ row.unit }}</template></el-table-column>
            <el-table-column label="记录" width="90"><template #default="{ row }"><a :href="figureLink(row)" :data-testid="'figure-link-' + row.key">查看<span v-if="row.record_ids.length">（{{ row.record_ids.length }}）</span></a></template></el-table-column>
          </el-table>
        </el-card>
        <el-card shadow="never" header="预览（含图表）" style="margin-top: 12px">
          <iframe v-if="preview" :srcdoc="preview" sandbox="" style="width: 100%; height: 600px; border: 0" title="报告预览"></iframe>
          <div v-else class="muted">暂无预览</div>
        </el-card>
      </el-col>
    </el-row>
  </div>`,
};
