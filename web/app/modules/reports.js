// The 报告 module's pages (placeholder until the subsystem lands). See
// modules/notify.js for what a module file exports.
import PlaceholderPage from '../pages/placeholder.js';

export const nav = { path: '/reports', title: '报告', icon: 'Document' };
export const systemNav = [];
export const pages = { '/reports': PlaceholderPage };
export function permission(what, role) { return undefined; }
export const auditLabels = { actions: {}, entities: {} };
