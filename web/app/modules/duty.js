// The 台账 module's pages (placeholder until the subsystem lands). See
// modules/notify.js for what a module file exports.
import PlaceholderPage from '../pages/placeholder.js';

export const nav = { path: '/duty', title: '台账', icon: 'Notebook' };
export const systemNav = [];
export const pages = { '/duty': PlaceholderPage };
export function permission(what, role) { return undefined; }
export const auditLabels = { actions: {}, entities: {} };
