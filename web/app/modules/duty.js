// The 台账 (duty ledger) module: responsibility system, recurring work tasks,
// meetings and study sessions, zero-reports, self-check and rectification.
// See modules/notify.js for what a module file exports.
import GroupPage from '../pages/duty/group.js';
import TasksPage from '../pages/duty/tasks.js';
import RecordsPage from '../pages/duty/records.js';
import RecordPage from '../pages/duty/record.js';
import ZeroPage from '../pages/duty/zero.js';
import SelfCheckPage from '../pages/duty/selfcheck.js';
import SelfCheckDetailPage from '../pages/duty/selfcheck_detail.js';

export const nav = {
  path: '/duty', title: '台账', icon: 'Notebook',
  children: [
    { path: '/duty/group', title: '责任体系', need: 'duty.view' },
    { path: '/duty/tasks', title: '工作任务', need: 'duty.view' },
    { path: '/duty/records', title: '会议与学习', need: 'duty.view' },
    { path: '/duty/record', title: '记录详情', need: 'duty.view', hidden: true },
    { path: '/duty/zero', title: '零报告' },
    { path: '/duty/selfcheck', title: '自查整改', need: 'duty.view' },
    { path: '/duty/selfcheck/detail', title: '自查详情', need: 'duty.view', hidden: true },
  ],
};
export const systemNav = [];
export const pages = {
  '/duty': ZeroPage,
  '/duty/group': GroupPage,
  '/duty/tasks': TasksPage,
  '/duty/records': RecordsPage,
  '/duty/record': RecordPage,
  '/duty/zero': ZeroPage,
  '/duty/selfcheck': SelfCheckPage,
  '/duty/selfcheck/detail': SelfCheckDetailPage,
};

// duty.view: everyone but 信息员; duty.config: admin and leader;
// duty.zero.submit: reporters (own unit), admin and leader (any unit).
export function permission(what, role) {
  switch (what) {
    case 'duty.view': return !!role && role !== 'reporter';
    case 'duty.config': return role === 'admin' || role === 'leader';
    case 'duty.zero.submit': return role === 'admin' || role === 'leader' || role === 'reporter';
    default: return undefined;
  }
}

export const auditLabels = {
  actions: { submit: '报送/提交', complete: '完成', generate: '生成', remind: '提醒', upload: '上传', attach: '关联附件' },
  entities: {
    duty_member: '领导小组成员', duty_task: '责任事项', duty_obligation: '工作任务', duty_occurrence: '任务事项',
    duty_record: '会议学习记录', duty_zero_report: '零报告', duty_template: '自查模板', duty_selfcheck: '年度自查',
    duty_rectification: '整改事项', attachment: '附件',
  },
};

export const KIND_LABELS = {
  meeting: '研判会', special_session: '专题会议', zero_report: '零报告', self_check: '自查',
  channel_check: '阵地安全检查', study: '集中学习', training: '培训', other: '其他',
};
export const STATUS_LABELS = {
  open: '未到期', due_soon: '临近截止', late: '已逾期', done: '已完成', done_late: '逾期完成', overdue: '已逾期',
};
export const STATUS_TYPES = {
  open: 'info', due_soon: 'warning', late: 'danger', done: 'success', done_late: 'warning', overdue: 'danger',
};
