// The 审校 module's pages (placeholder until the subsystem lands). See
// modules/notify.js for what a module file exports.
import PlaceholderPage from '../pages/placeholder.js';

export const nav = { path: '/review', title: '审校', icon: 'DocumentChecked' };
export const systemNav = [];
export const pages = { '/review': PlaceholderPage };
export function permission(what, role) { return undefined; }
export const auditLabels = { actions: {}, entities: {} };
