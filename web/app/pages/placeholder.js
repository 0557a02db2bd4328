// Pages of modules that are not built yet say so plainly and describe what
// they will do, so nobody mistakes an empty page for lost data.
const MODULES = {
  review: {
    title: '审校',
    icon: 'DocumentChecked',
    text: '稿件发布前的把关：自动检查个人信息、涉密标识、过时的机构名称、禁用词和不文明用语、错别字与标点，'
      + '再经初审、复审、终审三级人工审核，审核意见和修改记录全程留痕。',
  },
  monitor: {
    title: '监测',
    icon: 'Monitor',
    text: '收集与本单位工作相关的公开网络信息，去除重复内容，研判情感倾向，把相关信息归并为事件，'
      + '在信息量明显增长时及时提醒工作人员。只关注内容和来源，不针对任何个人。',
  },
  cases: {
    title: '处置',
    icon: 'Finished',
    text: '把监测到的事件和群众诉求转为处置事项，交由相关部门签收、答复、办结，按办理时限跟踪督办，'
      + '逾期自动提醒。',
  },
  duty: {
    title: '台账',
    icon: 'Notebook',
    text: '网络意识形态工作责任制台账：责任分工、年度任务、零报告、自查自纠和整改落实情况，'
      + '各下属单位按期填报，汇总一目了然。',
  },
  reports: {
    title: '报告',
    icon: 'Document',
    text: '根据系统中的审校、监测、处置和台账记录，自动起草周报、月报、年度报告等材料，'
      + '按公文格式生成 Word 文档，便于修改后报送。',
  },
};

export default {
  name: 'PlaceholderPage',
  props: { moduleKey: { type: String, default: '' } },
  setup(props) {
    const m = Vue.computed(() => MODULES[props.moduleKey] || { title: '', icon: 'Document', text: '' });
    return { m };
  },
  template: `
  <el-card shadow="never" class="placeholder-card">
    <div class="placeholder">
      <el-icon :size="56" class="placeholder-icon"><component :is="m.icon" /></el-icon>
      <h2>{{ m.title }}</h2>
      <el-tag type="warning" effect="light" size="large">该模块正在建设中</el-tag>
      <p class="placeholder-text">{{ m.text }}</p>
      <p class="placeholder-note">建成后将在此处开放使用，当前版本暂不提供该功能。</p>
    </div>
  </el-card>`,
};
