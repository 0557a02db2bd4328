// Labels shared by the notify pages.
export const CHANNEL_KINDS = [
  { value: 'wecom', label: '企业微信机器人', hint: '群机器人的 Webhook 地址，形如 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…' },
  { value: 'dingtalk', label: '钉钉机器人', hint: 'Webhook 地址形如 https://oapi.dingtalk.com/robot/send?access_token=…；安全设置选“加签”时填写 SEC 开头的密钥' },
  { value: 'feishu', label: '飞书机器人', hint: 'Webhook 地址形如 https://open.feishu.cn/open-apis/bot/v2/hook/…；开启“签名校验”时填写密钥' },
  { value: 'webhook', label: '通用 Webhook', hint: '以 JSON POST 发送；填写密钥时附带 HMAC-SHA256 签名请求头' },
  { value: 'email', label: '电子邮件', hint: '邮件服务器地址形如 smtps://smtp.example.gov.cn:465 或 smtp://…:25（可要求 STARTTLS）' },
];
export const kindLabel = (k) => (CHANNEL_KINDS.find((c) => c.value === k) || {}).label || k;

export const STATUS = {
  pending: { label: '等待重试', type: 'warning' },
  sending: { label: '发送中', type: 'primary' },
  sent: { label: '已发送', type: 'success' },
  failed: { label: '发送失败', type: 'danger' },
};
