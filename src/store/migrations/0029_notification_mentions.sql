-- Staff phone numbers a robot message should @-mention (the person on duty
-- for a rota page, the leader on call for an escalation), space-separated.
-- WeCom and DingTalk robots mention by mobile number; Feishu custom bots
-- cannot, and e-mail and generic webhooks ignore the list.
ALTER TABLE notifications ADD COLUMN mention_mobiles TEXT NOT NULL DEFAULT '';
