// The 报告 module: reports drafted from the system's records, edited by
// staff, finalized (定稿) and downloaded as DOCX (公文格式), PDF, HTML, XLSX.
// See modules/notify.js for what a module file exports.
import ReportListPage from '../pages/reports/list.js';
import ReportEditorPage from '../pages/reports/editor.js';
import ReportFigurePage from '../pages/reports/figure.js';

const READERS = ['admin', 'leader', 'reviewer', 'editor', 'handler'];

export const nav = {
  path: '/reports', title: '报告', icon: 'Document', need: 'reports.view',
  children: [
    { path: '/reports/list', title: '报告列表', need: 'reports.view' },
    { path: '/reports/edit', title: '编辑报告', need: 'reports.view', hidden: true },
    { path: '/reports/figure', title: '数据项记录', need: 'reports.view', hidden: true },
  ],
};
export const systemNav = [];
export const pages = {
  '/reports/list': ReportListPage, '/reports/edit': ReportEditorPage, '/reports/figure': ReportFigurePage,
};
export function permission(what, role) {
  switch (what) {
    case 'reports.view':
    case 'reports.edit': return READERS.includes(role);
    case 'reports.finalize': return role === 'admin' || role === 'leader';
    default: return undefined;
  }
}
export const auditLabels = {
  actions: { finalize: '定稿', regenerate: '重新生成' },
  entities: { report: '报告' },
};
