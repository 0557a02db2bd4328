// The 监测 module's pages (placeholder until the subsystem lands). See
// modules/notify.js for what a module file exports.
import PlaceholderPage from '../pages/placeholder.js';

export const nav = { path: '/monitor', title: '监测', icon: 'Monitor' };
export const systemNav = [];
export const pages = { '/monitor': PlaceholderPage };
export function permission(what, role) { return undefined; }
export const auditLabels = { actions: {}, entities: {} };
