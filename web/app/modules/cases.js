// The 处置 module's pages (placeholder until the subsystem lands). See
// modules/notify.js for what a module file exports.
import PlaceholderPage from '../pages/placeholder.js';

export const nav = { path: '/cases', title: '处置', icon: 'Finished' };
export const systemNav = [];
export const pages = { '/cases': PlaceholderPage };
export function permission(what, role) { return undefined; }
export const auditLabels = { actions: {}, entities: {} };
