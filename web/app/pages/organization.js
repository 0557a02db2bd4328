// 单位信息: the organization's name, short name and region (admin only).
import { get, put } from '../api.js';

export default {
  name: 'OrganizationPage',
  emits: ['org-changed'],
  setup(_props, { emit }) {
    const { ref, reactive, onMounted } = Vue;
    const form = reactive({ name: '', short_name: '', region: '' });
    const formRef = ref(null);
    const loading = ref(false);
    const busy = ref(false);
    const rules = {
      name: [{ required: true, message: '请输入单位名称', trigger: 'blur' },
        { max: 60, message: '名称不超过 60 个字', trigger: 'blur' }],
    };
    async function load() {
      loading.value = true;
      try {
        const o = await get('/organization');
        Object.assign(form, { name: o.name || '', short_name: o.short_name || '', region: o.region || '' });
      } catch { /* shown */ } finally { loading.value = false; }
    }
    async function save() {
      const valid = await formRef.value.validate().catch(() => false);
      if (!valid) return;
      busy.value = true;
      try {
        const body = { name: form.name.trim(), short_name: form.short_name.trim(), region: form.region.trim() };
        await put('/organization', body);
        emit('org-changed', body.name);
        ElementPlus.ElMessage.success('单位信息已保存');
      } catch { /* shown */ } finally { busy.value = false; }
    }
    onMounted(load);
    return { form, formRef, loading, busy, rules, save, load };
  },
  template: `
  <el-card shadow="never" class="panel" v-loading="loading">
    <template #header><span class="panel-title">单位信息</span></template>
    <el-form ref="formRef" :model="form" :rules="rules" label-width="100px" class="org-form" @submit.prevent="save">
      <el-form-item label="单位名称" prop="name"><el-input v-model="form.name" maxlength="60" placeholder="如：某某县融媒体中心" /></el-form-item>
      <el-form-item label="简称"><el-input v-model="form.short_name" maxlength="30" /></el-form-item>
      <el-form-item label="所在地区"><el-input v-model="form.region" maxlength="60" placeholder="如：某省某市某县" /></el-form-item>
      <el-form-item>
        <el-button type="primary" :loading="busy" @click="save">保存</el-button>
        <el-button @click="load">重置</el-button>
      </el-form-item>
    </el-form>
    <div class="dialog-note">单位名称显示在页面顶部，并用于生成的报告抬头。</div>
  </el-card>`,
};
