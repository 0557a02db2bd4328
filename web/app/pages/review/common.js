// Shared pieces of the 审校 pages: labels, status colours, the styles for
// highlighted findings, and splitting a text into plain and flagged runs.
export const STATUS_OPTIONS = [
  { value: 'in_review', label: '审核中' },
  { value: 'returned', label: '退回修改' },
  { value: 'approved', label: '已通过待发布' },
  { value: 'rejected', label: '不予发布' },
  { value: 'published', label: '已发布' },
  { value: 'withdrawn', label: '已撤回' },
];
export const STAGE_OPTIONS = [
  { value: 'first', label: '初审' },
  { value: 'second', label: '复审' },
  { value: 'final', label: '终审' },
];
export const CHANNEL_KINDS = [
  { value: 'website', label: '网站' }, { value: 'wechat', label: '微信公众号' }, { value: 'weibo', label: '微博' },
  { value: 'video', label: '视频号' }, { value: 'app', label: '客户端' }, { value: 'workgroup', label: '工作群' },
  { value: 'screen', label: '电子屏' }, { value: 'terminal', label: '终端' }, { value: 'other', label: '其他' },
];
export const CATEGORIES = [
  { value: 'pii', label: '个人信息' }, { value: 'secrecy', label: '涉密标识' }, { value: 'term', label: '规范表述' },
  { value: 'prohibited', label: '禁用词' }, { value: 'typo', label: '错别字' }, { value: 'typography', label: '标点格式' },
];
export const SEVERITIES = [
  { value: 'error', label: '错误' }, { value: 'warning', label: '警告' }, { value: 'info', label: '提示' },
];

export function statusTagType(status) {
  return { in_review: 'warning', returned: 'danger', approved: 'success', rejected: 'info', published: '', withdrawn: 'info' }[status] || '';
}

export function statusText(d) {
  return d.status === 'in_review' ? `${d.stage_label}中` : d.status_label;
}

// "3 小时 20 分" from seconds.
export function duration(seconds) {
  const s = Math.max(0, Math.round(seconds || 0));
  if (s < 60) return s ? `${s} 秒` : '0';
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  return [d ? `${d} 天` : '', h ? `${h} 小时` : '', m && !d ? `${m} 分` : ''].filter(Boolean).join(' ') || '0';
}

// Splits text (code-point offsets, as the server reports them) into runs;
// a run with `finding` set is flagged. Overlapping findings keep the first.
export function segments(text, findings) {
  const cps = Array.from(text || '');
  const sorted = (findings || []).map((f, index) => ({ ...f, index }))
    .filter((f) => f.end > f.start && f.start < cps.length)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out = [];
  let pos = 0;
  for (const f of sorted) {
    if (f.start < pos) continue;
    if (f.start > pos) out.push({ text: cps.slice(pos, f.start).join(''), finding: null });
    out.push({ text: cps.slice(f.start, Math.min(f.end, cps.length)).join(''), finding: f });
    pos = Math.min(f.end, cps.length);
  }
  if (pos < cps.length) out.push({ text: cps.slice(pos).join(''), finding: null });
  return out;
}

// Reads a File as base64 (without the data: prefix).
export function fileToBase64(file) {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(new Error('无法读取文件'));
    r.readAsDataURL(file);
  });
}
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const UPLOAD_ACCEPT = '.txt,.md,.markdown,.html,.htm,.docx';

let styled = false;
export function ensureStyles() {
  if (styled) return;
  styled = true;
  const css = `
  .rv-text { white-space: pre-wrap; line-height: 2; font-size: 15px; padding: 12px 16px; background: #fff;
    border: 1px solid #e4e7ed; border-radius: 4px; max-height: 62vh; overflow: auto; font-family: "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; }
  .rv-hl { border-bottom: 2px solid; cursor: pointer; padding: 1px 0; border-radius: 2px; }
  .rv-hl.rv-active { outline: 2px solid #1f3a5f; }
  .rv-hl.rv-dismissed { opacity: .45; text-decoration: line-through; }
  .rv-cat-pii { background: #fde2e2; border-color: #f56c6c; }
  .rv-cat-secrecy { background: #f3d9fa; border-color: #9c27b0; }
  .rv-cat-term { background: #fdf0d5; border-color: #e6a23c; }
  .rv-cat-prohibited { background: #ffe0cc; border-color: #ff6d00; }
  .rv-cat-typo { background: #d9ecff; border-color: #409eff; }
  .rv-cat-typography { background: #e1f3d8; border-color: #67c23a; }
  .rv-dot { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; vertical-align: middle; }
  .rv-finding { padding: 8px 10px; border: 1px solid #ebeef5; border-radius: 4px; margin-bottom: 8px; cursor: pointer; font-size: 13px; }
  .rv-finding.rv-active { border-color: #1f3a5f; background: #f4f7fb; }
  .rv-finding .rv-f-text { font-weight: 600; }
  .rv-finding .rv-f-msg { color: #606266; margin-top: 4px; }
  .rv-legend { display: flex; flex-wrap: wrap; gap: 12px; font-size: 12px; color: #606266; margin-bottom: 8px; }
  .rv-meta { color: #909399; font-size: 13px; }
  .rv-hash { font-family: monospace; font-size: 12px; color: #909399; }
  .rv-actions { display: flex; gap: 8px; flex-wrap: wrap; align-items: center; }
  `;
  const el = document.createElement('style');
  el.textContent = css;
  document.head.appendChild(el);
}
