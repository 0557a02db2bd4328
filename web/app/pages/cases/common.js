// Shared bits of the 处置 pages: labels, colours and time helpers, and the
// one-click 转为处置事项 used by the monitor's item page.
import { post, formatTime } from '../../api.js';
import { navigate } from '../../router.js';
export const STATE_TAGS = {
  received: 'info', dispatched: 'warning', processing: '', replied: 'warning',
  closed: 'success', evaluated: 'success', returned: 'danger',
};
export const ACTION_BUTTONS = {
  dispatch: { label: '分派', type: 'primary' },
  sign: { label: '签收', type: 'primary' },
  progress: { label: '办理记录', type: '' },
  reply: { label: '答复', type: 'primary' },
  approve: { label: '审核通过并办结', type: 'success' },
  reject: { label: '审核退回', type: 'warning' },
  return: { label: '退回', type: 'warning' },
  extend_request: { label: '申请延期', type: '' },
  extend_approve: { label: '批准延期', type: 'success' },
  extend_reject: { label: '不予延期', type: 'warning' },
  evaluate: { label: '回访评价', type: 'primary' },
  reopen: { label: '重办', type: 'danger' },
  pause: { label: '暂停计时', type: '' },
  resume: { label: '恢复计时', type: '' },
};
export const SATISFACTION = [
  { value: 5, label: '非常满意' }, { value: 4, label: '满意' }, { value: 3, label: '基本满意' },
  { value: 2, label: '不满意' }, { value: 1, label: '非常不满意' },
];

// Seconds of remaining time -> "剩余 1天3小时" / "超期 2小时"; working days
// are 7 working hours unless the limit is in natural hours.
export function remainingText(stage, secondsPerDay = 25200) {
  if (!stage || !stage.started) return '未开始';
  if (stage.done) return stage.overdue ? '已完成（超期）' : '已按时完成';
  const s = Math.abs(stage.remaining_seconds);
  const per = stage.natural ? 86400 : secondsPerDay;
  const d = Math.floor(s / per);
  const h = Math.floor((s % per) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const unit = stage.natural ? '天' : '个工作日';
  const txt = (d ? `${d}${unit}` : '') + (h ? `${h}小时` : '') + (!d && !h ? `${m}分钟` : '');
  return stage.remaining_seconds < 0 ? `超期 ${txt}` : `剩余 ${txt}`;
}

// Registers a case from a monitor item (信息) and opens it; the server's
// message is shown by api.js when it refuses.
export async function monitorItemToCase(item) {
  const description = `监测信息：${item.title}\n来源：${item.outlet}（${formatTime(item.published_at)}）\n`
    + (item.url ? `网址：${item.url}\n` : '') + `\n${(item.body || '').slice(0, 2000)}`;
  const r = await post('/cases', { origin: 'monitor_item', origin_ref: String(item.id), title: item.title, description });
  ElementPlus.ElMessage.success(`已转为处置事项：${r.code}`);
  navigate(`/cases/detail?id=${r.id}`);
  return r;
}
