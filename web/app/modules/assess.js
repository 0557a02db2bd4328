// The 研判报送 module: opinion-risk assessment before major decisions
// (重大决策舆情风险评估) and briefings sent upward (舆情信息报送).
// See modules/notify.js for what a module file exports.
import AssessListPage from '../pages/assess/list.js';
import AssessDetailPage from '../pages/assess/detail.js';
import AssessItemsPage from '../pages/assess/items.js';
import BriefingsPage from '../pages/assess/briefings.js';
import BriefingPage from '../pages/assess/briefing.js';

export const nav = {
  path: '/assess', title: '研判报送', icon: 'DataAnalysis',
  children: [
    { path: '/assess/list', title: '风险评估', need: 'assess.view' },
    { path: '/assess/detail', title: '评估详情', need: 'assess.view', hidden: true },
    { path: '/assess/briefings', title: '信息报送', need: 'assess.view' },
    { path: '/assess/briefing', title: '报送详情', need: 'assess.view', hidden: true },
  ],
};
export const systemNav = [{ path: '/system/assess-items', title: '风险评估事项', need: 'assess.items' }];
export const pages = {
  '/assess': AssessListPage,
  '/assess/list': AssessListPage,
  '/assess/detail': AssessDetailPage,
  '/assess/briefings': BriefingsPage,
  '/assess/briefing': BriefingPage,
  '/system/assess-items': AssessItemsPage,
};

// assess.view/edit: staff (everyone but 信息员); assess.approve: leader and
// admin (confirm levels, approve briefings); assess.items: admin.
export function permission(what, role) {
  switch (what) {
    case 'assess.view':
    case 'assess.edit': return !!role && role !== 'reporter';
    case 'assess.approve': return role === 'admin' || role === 'leader';
    case 'assess.items': return role === 'admin' || role === 'leader';
    case 'assess.items.edit': return role === 'admin';
    default: return undefined;
  }
}

export const auditLabels = {
  actions: { score: '评分', confirm: '确认等级', override: '调整等级', return: '退回', send: '报送', adoption: '登记采用' },
  entities: { assessment: '风险评估', assess_items: '风险评估事项', assess_measure: '防范措施', briefing: '信息报送' },
};

export const LEVEL_LABELS = { low: '低风险', medium: '中风险', high: '高风险', '': '待评分' };
export const LEVEL_TYPES = { low: 'success', medium: 'warning', high: 'danger', '': 'info' };
export const BRIEFING_STATUS_TYPES = { draft: 'info', submitted: 'warning', approved: 'success', returned: 'danger', sent: 'primary' };
export const ADOPTION_OPTIONS = [
  { value: 'adopted', label: '采用' }, { value: 'direct', label: '直报采用' },
  { value: 'summary', label: '摘报采用' }, { value: 'not_adopted', label: '未采用' },
];
