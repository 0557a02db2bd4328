// The 值班 (on-duty rota) module: the rota with heightened periods, pages
// (值班提醒) waiting for acknowledgement, hand-over notes and the settings.
// See modules/notify.js for what a module file exports.
import ShiftsPage from '../pages/rota/shifts.js';
import PagesPage from '../pages/rota/pages.js';
import HandoversPage from '../pages/rota/handovers.js';
import SettingsPage from '../pages/rota/settings.js';

export const nav = {
  path: '/rota', title: '值班', icon: 'Bell',
  children: [
    { path: '/rota/shifts', title: '值班表' },
    { path: '/rota/pages', title: '待确认提醒' },
    { path: '/rota/handovers', title: '交接班记录' },
  ],
};
export const systemNav = [
  { path: '/rota/settings', title: '值班设置', need: 'rota.settings' },
];
export const pages = {
  '/rota': ShiftsPage,
  '/rota/shifts': ShiftsPage,
  '/rota/pages': PagesPage,
  '/rota/handovers': HandoversPage,
  '/rota/settings': SettingsPage,
};

// Everyone sees the rota; admin and leader edit it; settings: admin changes,
// leader reads. Who may acknowledge a page is decided by the server.
export function permission(what, role) {
  switch (what) {
    case 'rota.edit': return role === 'admin' || role === 'leader';
    case 'rota.settings': return role === 'admin' || role === 'leader';
    case 'rota.settings.edit': return role === 'admin';
    default: return undefined;
  }
}

export const auditLabels = {
  actions: { swap: '调班', page: '值班提醒', escalate: '升级提醒', ack: '确认' },
  entities: {
    rota_shift: '值班班次', rota_month: '月度排班', rota_period: '重要时段', rota_page: '值班提醒',
    rota_handover: '交接班记录', rota_settings: '值班设置',
  },
};

export const PAGE_STATUS = {
  pending: { label: '待值班人确认', type: 'warning' },
  escalated: { label: '已升级至带班领导', type: 'danger' },
  acked: { label: '已确认', type: 'success' },
};

// Seconds -> "3 分 20 秒".
export function duration(secs) {
  if (secs === null || secs === undefined) return '';
  const m = Math.floor(secs / 60), s = secs % 60;
  return m > 0 ? `${m} 分 ${s} 秒` : `${s} 秒`;
}
