// The one way the UI talks to the server (/api/v1, see the HTTP API contract).
//
// - Always sends the session cookie (credentials: 'same-origin').
// - Adds X-CSRF-Token on every state-changing request once logged in.
// - On failure throws an ApiError carrying the server's Chinese message and,
//   unless the caller passes {quiet: true}, shows it with ElMessage.
// - A 401 on any call except the login itself clears the session and returns
//   to the login page, so an expired session never leaves a half-working page.
const { reactive } = Vue;

export const session = reactive({
  user: null,        // User object from the server, null when logged out
  csrf: '',
  checked: false,    // true once the initial GET /session has answered
});

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const FALLBACK_MESSAGES = {
  400: '请求内容有误，请检查后重试',
  401: '登录已过期，请重新登录',
  403: '没有权限',
  404: '要找的内容不存在',
  409: '操作与当前数据状态冲突',
  413: '提交的内容过大',
  429: '尝试次数过多，请稍后再试',
  500: '服务器内部错误，请联系系统管理员',
  503: '服务暂时不可用，请稍后再试',
};

let onUnauthenticated = () => {};
export function setUnauthenticatedHandler(fn) { onUnauthenticated = fn; }

const TIMEOUT_MS = 30000;

export async function api(method, path, body, options = {}) {
  const headers = { Accept: 'application/json' };
  const init = { method, headers, credentials: 'same-origin' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (method !== 'GET' && method !== 'HEAD' && session.csrf) {
    headers['X-CSRF-Token'] = session.csrf;
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs || TIMEOUT_MS);
  init.signal = controller.signal;

  let resp;
  try {
    resp = await fetch('/api/v1' + path, init);
  } catch (e) {
    clearTimeout(timer);
    const msg = e.name === 'AbortError' ? (options.timeoutMessage || '服务器响应超时，请稍后重试')
      : '无法连接服务器，请检查网络后重试';
    if (!options.quiet) ElementPlus.ElMessage.error(msg);
    throw new ApiError(0, 'unavailable', msg);
  }
  clearTimeout(timer);

  let data = null;
  const text = await resp.text();
  if (text) {
    try { data = JSON.parse(text); } catch { data = null; }
  }
  if (resp.ok) return data ?? {};

  const err = data && data.error ? data.error : {};
  const message = err.message || FALLBACK_MESSAGES[resp.status] || `请求失败（${resp.status}）`;
  const error = new ApiError(resp.status, err.code || '', message);
  if (resp.status === 401 && !options.loginRequest) {
    // Parallel requests may all get 401; tell the user only once.
    const wasLoggedIn = session.user !== null;
    session.user = null;
    session.csrf = '';
    if (wasLoggedIn) onUnauthenticated();
    throw error;  // the login page explains itself; no toast on top of it
  }
  if (!options.quiet) {
    ElementPlus.ElMessage.error(resp.status === 403 && !err.message ? '没有权限' : message);
  }
  throw error;
}

export const get = (path, options) => api('GET', path, undefined, options);
export const post = (path, body, options) => api('POST', path, body ?? {}, options);
export const put = (path, body, options) => api('PUT', path, body ?? {}, options);
export const del = (path, options) => api('DELETE', path, undefined, options);

// Roles allowed to see each part of 系统; admin may change, leader only reads.
// Permission checks contributed by the subsystem modules (modules/*.js).
const modulePermissions = [];
export function registerModule(mod) {
  if (mod.permission) modulePermissions.push(mod.permission);
  Object.assign(ACTION_LABELS, mod.auditLabels?.actions || {});
  Object.assign(ENTITY_LABELS, mod.auditLabels?.entities || {});
}

export function can(what) {
  const role = session.user?.role;
  for (const check of modulePermissions) {
    const verdict = check(what, role);
    if (verdict !== undefined) return verdict;
  }
  switch (what) {
    case 'system': return role === 'admin' || role === 'leader';
    case 'units.view': return role === 'admin' || role === 'leader';
    case 'units.edit': return role === 'admin';
    case 'users.view': return role === 'admin' || role === 'leader';
    case 'users.edit': return role === 'admin';
    case 'audit.view': return role === 'admin' || role === 'leader';
    case 'org.edit': return role === 'admin';
    default: return false;
  }
}

// ISO 8601 string or Unix seconds -> "2026-11-23 17:31" in the browser's zone.
export function formatTime(value) {
  if (value === null || value === undefined || value === '') return '';
  const d = typeof value === 'number' ? new Date(value * 1000) : new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

export const ACTION_LABELS = {
  create: '新增', update: '修改', delete: '删除', login: '登录', logout: '退出登录',
  login_failed: '登录失败', password: '修改密码', set_password: '设置密码', reset_password: '重置密码',
  change_password: '修改密码', deactivate: '停用', activate: '启用',
  approve: '审核通过', reject: '退回', seed: '初始化',
};
export const ENTITY_LABELS = {
  user: '用户', unit: '组织机构', organization: '单位信息', session: '登录会话',
  draft: '稿件', case: '处置事项', setting: '系统设置',
};
export const actionLabel = (a) => ACTION_LABELS[a] || a;
export const entityLabel = (e) => ENTITY_LABELS[e] || e;

// Mirrors the server's password policy (server/auth.cc CheckPasswordPolicy) so
// the form says what is wrong before submitting; the server still decides.
export function passwordRules(requiredMessage) {
  return [
    { required: true, message: requiredMessage, trigger: 'blur' },
    {
      validator: (_r, v, cb) => {
        if (!v) return cb();
        if (v.length < 8) return cb(new Error('密码至少需要 8 个字符'));
        if (!/[A-Za-z]/.test(v) || !/[0-9]/.test(v)) return cb(new Error('密码需同时包含字母和数字'));
        return cb();
      },
      trigger: 'blur',
    },
  ];
}
