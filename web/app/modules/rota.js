// rota module: menu entries, pages, permissions and audit labels.
export const nav = null;
export const systemNav = [];
export const pages = {};
export function permission() { return undefined; }
export const auditLabels = { actions: {}, entities: {} };
