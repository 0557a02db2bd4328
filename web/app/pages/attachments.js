// Reusable attachments component: an upload button plus the list of an
// owner's files with download links.
//
//   import AttachmentList, { uploadFile } from '../attachments.js';
//   components: { AttachmentList }
//   <attachment-list owner-kind="duty_record" :owner-id="record.id" :editable="true" @changed="..." />
//
// With owner-id 0 the files are uploaded "not yet attached" and the ids are
// reported through v-model:ids (an array) so a form can send them with its
// record; the server links them (AttachToOwner) when the record is saved.
// Files go to POST /api/v1/attachments as the raw request body; the server
// checks type (by extension and content) and the 20 MB limit and answers in
// Chinese, which is shown as is.
import { session, formatTime } from '../api.js';

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
export const ACCEPT = '.pdf,.doc,.docx,.xls,.xlsx,.jpg,.jpeg,.png,.txt,.zip';

export function formatSize(n) {
  if (n >= 1024 * 1024) return (n / 1024 / 1024).toFixed(1) + ' MB';
  if (n >= 1024) return Math.ceil(n / 1024) + ' KB';
  return n + ' 字节';
}

// Uploads one File; resolves to the stored attachment, rejects with an Error
// carrying the server's message (already shown unless quiet).
export async function uploadFile(file, ownerKind, ownerId = 0, { quiet = false } = {}) {
  const fail = (msg) => {
    if (!quiet) ElementPlus.ElMessage.error(msg);
    throw new Error(msg);
  };
  if (file.size > MAX_ATTACHMENT_BYTES) fail(`文件过大（${formatSize(file.size)}），单个附件上限 20 MB：${file.name}`);
  const q = new URLSearchParams({ filename: file.name, owner_kind: ownerKind, owner_id: String(ownerId || 0) });
  let resp;
  try {
    resp = await fetch('/api/v1/attachments?' + q.toString(), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/octet-stream', 'X-CSRF-Token': session.csrf, Accept: 'application/json' },
      body: file,
    });
  } catch {
    fail('无法连接服务器，附件未上传');
  }
  const data = await resp.json().catch(() => null);
  if (!resp.ok) fail(data?.error?.message || `上传失败（${resp.status}）`);
  return data;
}

export default {
  name: 'AttachmentList',
  props: {
    ownerKind: { type: String, required: true },
    ownerId: { type: Number, default: 0 },
    editable: { type: Boolean, default: false },
    ids: { type: Array, default: null },  // v-model:ids for owner-id 0
    title: { type: String, default: '' },
  },
  emits: ['changed', 'update:ids'],
  setup(props, { emit }) {
    const { ref, watch, onMounted } = Vue;
    const files = ref([]);
    const busy = ref(false);
    const input = ref(null);

    async function load() {
      if (!props.ownerId) return;
      const q = new URLSearchParams({ owner_kind: props.ownerKind, owner_id: String(props.ownerId) });
      try {
        const resp = await fetch('/api/v1/attachments?' + q, { credentials: 'same-origin' });
        const data = await resp.json();
        if (resp.ok) files.value = data.attachments || [];
      } catch { /* the list stays as it was */ }
    }
    function pick() { input.value?.click(); }
    async function onPicked(ev) {
      const chosen = Array.from(ev.target.files || []);
      ev.target.value = '';
      busy.value = true;
      try {
        for (const f of chosen) {
          try {
            const a = await uploadFile(f, props.ownerKind, props.ownerId);
            if (props.ownerId) {
              await load();
            } else {
              files.value = [...files.value, a];
              emit('update:ids', [...(props.ids || []), a.id]);
            }
            ElementPlus.ElMessage.success('已上传：' + a.filename);
            emit('changed', a);
          } catch { /* message shown */ }
        }
      } finally { busy.value = false; }
    }
    watch(() => [props.ownerKind, props.ownerId], load);
    onMounted(load);
    return { files, busy, input, pick, onPicked, formatSize, formatTime, ACCEPT };
  },
  template: `
  <div class="attachment-list" data-testid="attachment-list">
    <div style="display:flex; align-items:center; gap:8px; margin-bottom:6px">
      <span v-if="title" style="font-weight:600">{{ title }}</span>
      <template v-if="editable">
        <input ref="input" type="file" multiple :accept="ACCEPT" style="display:none" @change="onPicked" data-testid="attachment-input" />
        <el-button size="small" :icon="'Upload'" :loading="busy" @click="pick">上传附件</el-button>
        <span style="color:#909399; font-size:12px">PDF、Word、Excel、图片、TXT、ZIP，单个不超过 20 MB</span>
      </template>
    </div>
    <div v-if="!files.length" style="color:#909399; font-size:13px">暂无附件</div>
    <ul v-else style="margin:0; padding-left:18px">
      <li v-for="f in files" :key="f.id" style="line-height:1.9">
        <a :href="f.url" :download="f.filename" data-testid="attachment-link">{{ f.filename }}</a>
        <span style="color:#909399; font-size:12px; margin-left:8px">{{ formatSize(f.size_bytes) }} · {{ f.uploader_name }} · {{ formatTime(f.created_at) }}</span>
      </li>
    </ul>
  </div>`,
};
