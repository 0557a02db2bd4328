// The 处置 module: case lists, the case page, statistics, and the admin's
// working calendar and time limits. See modules/notify.js for what a module
// file exports.
import CaseListPage from '../pages/cases/list.js';
import CaseDetailPage from '../pages/cases/detail.js';
import CaseStatsPage from '../pages/cases/stats.js';
import CaseCalendarPage from '../pages/cases/calendar.js';
import CaseSlaPage from '../pages/cases/sla.js';

export const nav = {
  path: '/cases', title: '处置', icon: 'Finished',
  children: [
    { path: '/cases/mine', title: '我的事项' },
    { path: '/cases/department', title: '部门待办', need: 'cases.department' },
    { path: '/cases/overdue', title: '逾期督办' },
    { path: '/cases/all', title: '全部事项' },
    { path: '/cases/stats', title: '统计分析', need: 'cases.stats' },
    { path: '/cases/detail', title: '事项详情', hidden: true },
  ],
};
export const systemNav = [
  { path: '/system/case-calendar', title: '工作日历', need: 'cases.admin' },
  { path: '/system/case-sla', title: '办理时限', need: 'cases.admin' },
];
export const pages = {
  '/cases/mine': CaseListPage,
  '/cases/department': CaseListPage,
  '/cases/overdue': CaseListPage,
  '/cases/all': CaseListPage,
  '/cases/stats': CaseStatsPage,
  '/cases/detail': CaseDetailPage,
  '/system/case-calendar': CaseCalendarPage,
  '/system/case-sla': CaseSlaPage,
};
export function permission(what, role) {
  switch (what) {
    case 'cases.create': return ['admin', 'leader', 'handler', 'editor'].includes(role);
    case 'cases.department': return role === 'handler';
    case 'cases.stats': return ['admin', 'leader', 'reviewer', 'handler'].includes(role);
    case 'cases.admin': return role === 'admin';
    default: return undefined;
  }
}
export const auditLabels = {
  actions: {
    case_dispatch: '分派', case_sign: '签收', case_return: '退回', case_progress: '办理记录', case_reply: '答复',
    case_approve: '审核办结', case_reject: '审核退回', case_evaluate: '回访评价', case_extend_request: '申请延期',
    case_extend_approve: '批准延期', case_extend_reject: '不予延期', case_reopen: '重办', case_pause: '暂停计时',
    case_resume: '恢复计时', remind: '时限提醒',
  },
  entities: { case: '处置事项', case_sla: '办理时限', calendar_day: '工作日历' },
};
