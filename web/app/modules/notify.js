// Notification channels and delivery log (placeholder until the subsystem lands).
// A module file exports: nav (side-menu entry or null), systemNav (entries
// under 系统), pages (hash route -> component), permission(what, role)
// returning true/false for the names this module owns (undefined otherwise)
// and auditLabels ({actions, entities}) for the audit-log page.
export const nav = null;
export const systemNav = [];
export const pages = {};
export function permission(what, role) { return undefined; }
export const auditLabels = { actions: {}, entities: {} };
