// The 监测 module: dashboard, item search, events, topics (方案) and sources.
// See modules/notify.js for what a module file exports.
import DashboardPage from '../pages/monitor/dashboard.js';
import SearchPage from '../pages/monitor/search.js';
import EventsPage from '../pages/monitor/events.js';
import EventPage from '../pages/monitor/event.js';
import ItemPage from '../pages/monitor/item.js';
import TopicsPage from '../pages/monitor/topics.js';
import SourcesPage from '../pages/monitor/sources.js';

export const nav = {
  path: '/monitor', title: '监测', icon: 'Monitor', need: 'monitor.view',
  children: [
    { path: '/monitor/dashboard', title: '概览', need: 'monitor.view' },
    { path: '/monitor/search', title: '信息检索', need: 'monitor.view' },
    { path: '/monitor/events', title: '事件', need: 'monitor.view' },
    { path: '/monitor/topics', title: '监测方案', need: 'monitor.view' },
    { path: '/monitor/sources', title: '信息源', need: 'monitor.view' },
    { path: '/monitor/event', title: '事件详情', need: 'monitor.view', hidden: true },
    { path: '/monitor/item', title: '信息详情', need: 'monitor.view', hidden: true },
  ],
};
export const systemNav = [];
export const pages = {
  '/monitor': DashboardPage,
  '/monitor/dashboard': DashboardPage,
  '/monitor/search': SearchPage,
  '/monitor/events': EventsPage,
  '/monitor/event': EventPage,
  '/monitor/item': ItemPage,
  '/monitor/topics': TopicsPage,
  '/monitor/sources': SourcesPage,
};

const READERS = ['admin', 'leader', 'editor', 'reviewer', 'handler'];
const EDITORS = ['admin', 'editor'];

// monitor.*.view / monitor.view: reading; every other monitor.* name
// (monitor.edit, monitor.topics.edit, monitor.sources.edit …): editing.
export function permission(what, role) {
  if (what === 'monitor.settings.edit') return role === 'admin';
  if (!what.startsWith('monitor.')) return undefined;
  if (what === 'monitor.view' || what.endsWith('.view')) return READERS.includes(role);
  return EDITORS.includes(role);
}

export const auditLabels = {
  actions: { ingest: '信息入库', correct_sentiment: '更正情感', retention: '按期清理' },
  entities: { monitor_batch: '监测信息批次', monitor_item: '监测信息', monitor_topic: '监测方案', monitor_setting: '监测设置' },
};
