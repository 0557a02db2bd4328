// The 审校 module: drafts with the three-stage review, submission, the draft
// detail page (hidden), channels (阵地), the organization's lexicon and the
// publication ledger. See modules/notify.js for what a module file exports.
import DraftsPage from '../pages/review/drafts.js';
import NewDraftPage from '../pages/review/new.js';
import DraftPage from '../pages/review/draft.js';
import ChannelsPage from '../pages/review/channels.js';
import LexiconPage from '../pages/review/lexicon.js';
import LedgerPage from '../pages/review/ledger.js';

const STAFF = ['editor', 'reviewer', 'leader', 'admin'];

export const nav = {
  path: '/review', title: '审校', icon: 'DocumentChecked',
  children: [
    { path: '/review/drafts', title: '稿件', need: 'review.drafts' },
    { path: '/review/new', title: '新建稿件', need: 'review.submit' },
    { path: '/review/draft', title: '稿件详情', need: 'review.drafts', hidden: true },
    { path: '/review/channels', title: '阵地' },
    { path: '/review/lexicon', title: '词库', need: 'review.drafts' },
    { path: '/review/ledger', title: '发布台账', need: 'review.drafts' },
  ],
};
export const systemNav = [];
export const pages = {
  '/review': DraftsPage,
  '/review/drafts': DraftsPage,
  '/review/new': NewDraftPage,
  '/review/draft': DraftPage,
  '/review/channels': ChannelsPage,
  '/review/lexicon': LexiconPage,
  '/review/ledger': LedgerPage,
};

export function permission(what, role) {
  switch (what) {
    case 'review.drafts': return STAFF.includes(role);
    case 'review.submit': return STAFF.includes(role);
    case 'review.channels.edit': return role === 'admin' || role === 'leader';
    case 'review.lexicon.delete': return role === 'admin' || role === 'leader' || role === 'reviewer';
    default: return undefined;
  }
}

export const auditLabels = {
  actions: {
    submit: '提交稿件', edit: '修改稿件', approve: '审核通过', return: '退回修改', reject: '不予发布',
    dismiss: '标记无需修改', publish: '登记发布', withdraw: '撤回稿件',
  },
  entities: {
    draft: '稿件', review_channel: '阵地', review_term: '审校词条', review_whitelist: '审校白名单',
  },
};
