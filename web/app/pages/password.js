// 修改密码 dialog, opened from the top bar.
import { put, passwordRules } from '../api.js';

export default {
  name: 'PasswordDialog',
  props: { modelValue: Boolean },
  emits: ['update:modelValue'],
  setup(props, { emit }) {
    const { ref, reactive } = Vue;
    const formRef = ref(null);
    const busy = ref(false);
    const form = reactive({ old_password: '', new_password: '', confirm: '' });
    const rules = {
      old_password: [{ required: true, message: '请输入原密码', trigger: 'blur' }],
      new_password: passwordRules('请输入新密码'),
      confirm: [{
        validator: (_r, v, cb) => (v === form.new_password ? cb() : cb(new Error('两次输入的新密码不一致'))),
        trigger: 'blur',
      }],
    };
    function close() {
      emit('update:modelValue', false);
      form.old_password = form.new_password = form.confirm = '';
      formRef.value?.clearValidate();
    }
    async function submit() {
      const valid = await formRef.value.validate().catch(() => false);
      if (!valid) return;
      busy.value = true;
      try {
        await put('/me/password', { old_password: form.old_password, new_password: form.new_password });
        ElementPlus.ElMessage.success('密码已修改，下次登录请使用新密码');
        close();
      } catch { /* message shown by api() */ } finally {
        busy.value = false;
      }
    }
    return { formRef, busy, form, rules, close, submit };
  },
  template: `
  <el-dialog :model-value="modelValue" title="修改密码" width="420px" @close="close" :close-on-click-modal="false">
    <el-form ref="formRef" :model="form" :rules="rules" label-width="90px" @submit.prevent="submit">
      <el-form-item label="原密码" prop="old_password">
        <el-input v-model="form.old_password" type="password" show-password autocomplete="current-password" />
      </el-form-item>
      <el-form-item label="新密码" prop="new_password">
        <el-input v-model="form.new_password" type="password" show-password autocomplete="new-password" />
      </el-form-item>
      <el-form-item label="确认新密码" prop="confirm">
        <el-input v-model="form.confirm" type="password" show-password autocomplete="new-password" />
      </el-form-item>
    </el-form>
    <template #footer>
      <el-button @click="close">取消</el-button>
      <el-button type="primary" :loading="busy" @click="submit">确定</el-button>
    </template>
  </el-dialog>`,
};
