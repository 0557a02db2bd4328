// Notification channels (企业微信/钉钉/飞书机器人、Webhook、邮件), the delivery
// log and the monitor's alert settings, under 系统. A module file exports:
// nav (side-menu entry or null), systemNav (entries under 系统), pages (hash
// route -> component), permission(what, role) returning true/false for the
// names this module owns (undefined otherwise) and auditLabels
// ({actions, entities}) for the audit-log page.
import ChannelsPage from '../pages/notify/channels.js';
import DeliveriesPage from '../pages/notify/deliveries.js';
import SettingsPage from '../pages/notify/settings.js';

export const nav = null;
export const systemNav = [
  { path: '/notify/channels', title: '通知渠道', need: 'notify.view' },
  { path: '/notify/deliveries', title: '发送记录', need: 'notify.view' },
  { path: '/notify/settings', title: '提醒设置', need: 'notify.view' },
];
export const pages = {
  '/notify/channels': ChannelsPage,
  '/notify/deliveries': DeliveriesPage,
  '/notify/settings': SettingsPage,
};

// notify.view: admin and leader read; notify.edit: admin only (matches the
// route table in src/server/routes_notify.cc).
export function permission(what, role) {
  if (what === 'notify.view') return role === 'admin' || role === 'leader';
  if (what === 'notify.edit') return role === 'admin';
  return undefined;
}

export const auditLabels = {
  actions: { test: '发送测试', retry: '重新发送' },
  entities: {
    notify_channel: '通知渠道', notify_delivery: '发送记录', notify_settings: '通知设置',
    alert_settings: '提醒设置', topic_alert: '方案提醒',
  },
};
