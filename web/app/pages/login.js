// 登录 page. Errors are shown inside the form (not only as a toast) so the
// user sees why the login failed: wrong name/password, too many attempts, or
// the server being unreachable.
import { post, session } from '../api.js';

export default {
  name: 'LoginPage',
  props: { orgName: { type: String, default: '' } },
  emits: ['logged-in'],
  setup(props, { emit }) {
    const { ref, reactive } = Vue;
    const form = reactive({ name: '', password: '' });
    const error = ref('');
    const busy = ref(false);
    const formRef = ref(null);
    const rules = {
      name: [{ required: true, message: '请输入用户名', trigger: 'blur' }],
      password: [{ required: true, message: '请输入密码', trigger: 'blur' }],
    };

    async function submit() {
      error.value = '';
      const valid = await formRef.value.validate().catch(() => false);
      if (!valid) return;
      busy.value = true;
      try {
        const r = await post('/session', { name: form.name.trim(), password: form.password },
          { quiet: true, loginRequest: true });
        session.user = r.user;
        session.csrf = r.csrf_token || '';
        form.password = '';
        emit('logged-in');
      } catch (e) {
        if (e.status === 401) error.value = e.message || '用户名或密码错误';
        else if (e.status === 429) error.value = e.message || '登录尝试次数过多，请稍后再试';
        else error.value = e.message;
        form.password = '';
      } finally {
        busy.value = false;
      }
    }
    return { form, error, busy, formRef, rules, submit };
  },
  template: `
  <div class="login-page">
    <div class="login-banner">
      <div class="login-emblem">民意</div>
      <h1>网络信息工作平台</h1>
      <p>稿件审校 · 舆情监测 · 事项处置 · 责任台账 · 工作报告</p>
    </div>
    <el-card class="login-card" shadow="always">
      <h2 class="login-title">用户登录</h2>
      <div v-if="orgName" class="login-org">{{ orgName }}</div>
      <el-form ref="formRef" :model="form" :rules="rules" label-position="top" @submit.prevent="submit">
        <el-form-item label="用户名" prop="name">
          <el-input v-model="form.name" placeholder="请输入用户名" autocomplete="username" size="large"
                    name="username" :prefix-icon="'User'" />
        </el-form-item>
        <el-form-item label="密码" prop="password">
          <el-input v-model="form.password" type="password" placeholder="请输入密码" show-password
                    autocomplete="current-password" size="large" name="password" :prefix-icon="'Lock'" />
        </el-form-item>
        <el-alert v-if="error" :title="error" type="error" show-icon :closable="false" class="login-error" />
        <el-button type="primary" size="large" class="login-submit" :loading="busy" native-type="submit">登 录</el-button>
      </el-form>
      <div class="login-hint">忘记密码请联系本单位系统管理员重置。</div>
    </el-card>
    <div class="login-footer">民意 · 部署于本单位服务器，数据不出本单位</div>
  </div>`,
};
