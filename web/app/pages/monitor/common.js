// Shared bits of the 监测 pages: labels, colours and small helpers.
export const SENTIMENT_LABELS = { negative: '负面', neutral: '中性', positive: '正面' };
export const SENTIMENT_TAGS = { negative: 'danger', neutral: 'info', positive: 'success' };
export const SENTIMENT_COLORS = { negative: '#d9363e', neutral: '#909399', positive: '#3a9a5b' };
export const KIND_LABELS = { news: '新闻', forum: '论坛', post: '帖子', complaint: '投诉', video: '视频', other: '其他' };
export const sentimentLabel = (s) => SENTIMENT_LABELS[s] || s;
export const kindLabel = (k) => KIND_LABELS[k] || k || '其他';

// An ECharts instance bound to a DOM ref, disposed with the component.
export function useChart(elRef) {
  const { onBeforeUnmount } = Vue;
  let chart = null;
  const resize = () => chart && chart.resize();
  window.addEventListener('resize', resize);
  onBeforeUnmount(() => {
    window.removeEventListener('resize', resize);
    if (chart) chart.dispose();
  });
  return (option) => {
    if (!elRef.value || typeof echarts === 'undefined') return;
    if (!chart) chart = echarts.init(elRef.value);
    chart.setOption(option, true);
  };
}
