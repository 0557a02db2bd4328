// Entry point: creates the Vue app, wires Element Plus (Chinese locale) and
// the icons, checks the session and shows either the login page or the
// layout with the page for the current hash route.
import { get, del, session, setUnauthenticatedHandler, can, ApiError } from './api.js';
import { route, navigate } from './router.js';
import LoginPage from './pages/login.js';
import HomePage from './pages/home.js';
import PlaceholderPage from './pages/placeholder.js';
import UnitsPage from './pages/units.js';
import UsersPage from './pages/users.js';
import AuditPage from './pages/audit.js';
import OrganizationPage from './pages/organization.js';
import PasswordDialog from './pages/password.js';
import * as reviewModule from './modules/review.js';
import * as monitorModule from './modules/monitor.js';
import * as casesModule from './modules/cases.js';
import * as dutyModule from './modules/duty.js';
import * as rotaModule from './modules/rota.js';
import * as assessModule from './modules/assess.js';
import * as reportsModule from './modules/reports.js';
import * as notifyModule from './modules/notify.js';
import { registerModule } from './api.js';

const { createApp, ref, computed, watch } = Vue;

// Side navigation. `need` names a permission from can(); pages without one are
// open to every logged-in user. Children with `hidden: true` (detail pages
// such as #/review/draft?id=3) are routable but not shown in the menu.
// Each subsystem's pages, menu entries, permissions and audit labels come
// from its own file under modules/, in data-flow order.
const MODULES = [reviewModule, monitorModule, casesModule, dutyModule, rotaModule, assessModule, reportsModule, notifyModule];
MODULES.forEach(registerModule);

const NAV = [
  { path: '/home', title: '首页', icon: 'HomeFilled' },
  ...MODULES.map((m) => m.nav).filter(Boolean),
  {
    path: '/system', title: '系统', icon: 'Setting', need: 'system',
    children: [
      { path: '/system/units', title: '组织机构', need: 'units.view' },
      { path: '/system/users', title: '用户管理', need: 'users.view' },
      { path: '/system/audit', title: '审计日志', need: 'audit.view' },
      { path: '/system/organization', title: '单位信息', need: 'org.edit' },
      ...MODULES.flatMap((m) => m.systemNav || []),
    ],
  },
];

const PAGES = {
  '/home': HomePage,
  '/system/units': UnitsPage,
  '/system/users': UsersPage,
  '/system/audit': AuditPage,
  '/system/organization': OrganizationPage,
  ...Object.assign({}, ...MODULES.map((m) => m.pages || {})),
};

function allowed(item) { return !item.need || can(item.need); }

const App = {
  components: { LoginPage, PlaceholderPage, PasswordDialog },
  setup() {
    const orgName = ref('');
    const passwordOpen = ref(false);

    const nav = computed(() => NAV.filter(allowed).map((item) => (
      item.children ? { ...item, children: item.children.filter((c) => allowed(c) && !c.hidden) } : item)));

    const findNav = (path) => {
      for (const item of NAV) {
        if (item.path === path) return { item, parent: null };
        for (const c of item.children || []) if (c.path === path) return { item: c, parent: item };
      }
      return null;
    };

    const page = computed(() => {
      const found = findNav(route.value);
      if (!found || !allowed(found.item) || (found.parent && !allowed(found.parent))) return null;
      return PAGES[route.value] || null;
    });
    const crumbs = computed(() => {
      const found = findNav(route.value);
      if (!found) return [];
      return found.parent ? [found.parent.title, found.item.title] : [found.item.title];
    });

    async function loadOrg() {
      try {
        const o = await get('/organization', { quiet: true });
        orgName.value = o.name || '';
      } catch { /* the top bar just shows no name */ }
    }

    async function checkSession() {
      try {
        const r = await get('/session', { quiet: true, loginRequest: true });
        session.user = r.user;
        session.csrf = r.csrf_token || '';
        loadOrg();
      } catch {
        session.user = null;
      } finally {
        session.checked = true;
      }
    }

    function onLoggedIn() {
      loadOrg();
      const found = findNav(route.value);
      if (!found || !allowed(found.item)) navigate('/home');
    }

    async function logout() {
      try { await del('/session', { quiet: true }); } catch { /* leaving anyway */ }
      session.user = null;
      session.csrf = '';
      ElementPlus.ElMessage.success('已退出登录');
    }

    setUnauthenticatedHandler(() => {
      ElementPlus.ElMessage.warning('登录已过期，请重新登录');
    });

    watch(() => session.user, (u) => { document.title = u && orgName.value ? `民意 · ${orgName.value}` : '民意 · 网络信息工作平台'; });
    watch(orgName, (n) => { if (session.user && n) document.title = `民意 · ${n}`; });

    checkSession();
    return {
      session, route, nav, page, crumbs, orgName, passwordOpen, navigate, onLoggedIn, logout,
      setOrgName: (n) => { orgName.value = n; },
      placeholderKey: computed(() => route.value.replace(/^\//, '')),
    };
  },
  template: `
  <div v-if="!session.checked" class="boot-msg">正在加载……</div>
  <LoginPage v-else-if="!session.user" :org-name="orgName" @logged-in="onLoggedIn" />
  <el-container v-else class="layout">
    <el-header class="topbar" height="56px">
      <div class="topbar-left">
        <span class="brand">民意</span>
        <span class="brand-sep"></span>
        <span class="org-name" data-testid="org-name">{{ orgName || '（未设置单位名称）' }}</span>
      </div>
      <div class="topbar-right">
        <el-icon><UserFilled /></el-icon>
        <span class="user-name" data-testid="user-name">{{ session.user.display_name || session.user.name }}</span>
        <el-tag size="small" effect="plain" class="role-tag">{{ session.user.role_label || session.user.role }}</el-tag>
        <el-button link class="topbar-btn" @click="passwordOpen = true"><el-icon><Key /></el-icon>修改密码</el-button>
        <el-button link class="topbar-btn" data-testid="logout" @click="logout"><el-icon><SwitchButton /></el-icon>退出登录</el-button>
      </div>
    </el-header>
    <el-container class="layout-body">
      <el-aside width="200px" class="sidebar">
        <el-menu :default-active="route" :default-openeds="['/system']" class="side-menu"
                 background-color="#1f3a5f" text-color="#d6e2f0" active-text-color="#ffffff">
          <template v-for="item in nav" :key="item.path">
            <el-sub-menu v-if="item.children" :index="item.path">
              <template #title><el-icon><component :is="item.icon" /></el-icon><span>{{ item.title }}</span></template>
              <el-menu-item v-for="c in item.children" :key="c.path" :index="c.path" @click="navigate(c.path)">{{ c.title }}</el-menu-item>
            </el-sub-menu>
            <el-menu-item v-else :index="item.path" @click="navigate(item.path)">
              <el-icon><component :is="item.icon" /></el-icon><span>{{ item.title }}</span>
            </el-menu-item>
          </template>
        </el-menu>
      </el-aside>
      <el-main class="main">
        <el-breadcrumb separator="/" class="crumbs">
          <el-breadcrumb-item v-for="c in crumbs" :key="c">{{ c }}</el-breadcrumb-item>
        </el-breadcrumb>
        <component v-if="page" :is="page" :key="route" :module-key="placeholderKey" :org-name="orgName"
                   @org-changed="setOrgName" />
        <el-result v-else icon="warning" title="页面不存在或没有权限" sub-title="请从左侧菜单选择要进入的功能。">
          <template #extra><el-button type="primary" @click="navigate('/home')">返回首页</el-button></template>
        </el-result>
      </el-main>
    </el-container>
    <PasswordDialog v-model="passwordOpen" />
  </el-container>`,
};

const app = createApp(App);
app.use(ElementPlus, { locale: ElementPlusLocaleZhCn });
for (const [name, comp] of Object.entries(ElementPlusIconsVue)) app.component(name, comp);
app.config.errorHandler = (err) => {
  // ApiErrors were already shown to the user by api(); anything else is a bug.
  if (!(err instanceof ApiError)) console.error(err);
};
app.mount('#app');
