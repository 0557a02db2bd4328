-- 研判与报送 (src/assess): opinion-risk assessments before major decisions
-- (重大决策舆情风险评估) and briefings sent upward (舆情信息报送).
-- Times are Unix seconds. Names of people are those of Minyi's own users
-- (assessors, leaders, responsible persons), never of authors of content.

-- Scoring items per dimension (legality 合法性, reasonableness 合理性,
-- feasibility 可行性, controllability 可控性); the admin edits titles and
-- weights. An inactive item is kept for old assessments but not scored anew.
CREATE TABLE assess_items (
  id @PK@,
  dimension TEXT NOT NULL,
  title TEXT NOT NULL,
  weight BIGINT NOT NULL,
  sort_order BIGINT NOT NULL DEFAULT 0,
  active BIGINT NOT NULL DEFAULT 1,
  updated_at BIGINT NOT NULL DEFAULT 0
);

INSERT INTO assess_items(dimension, title, weight, sort_order) VALUES
  ('legality', '决策事项符合法律法规和上级政策规定', 15, 1),
  ('legality', '决策程序完备（调研论证、征求意见、听证公示）', 10, 2),
  ('reasonableness', '兼顾各方利益，补偿或收费标准公平合理', 15, 3),
  ('reasonableness', '受影响群众的理解和接受程度', 10, 4),
  ('feasibility', '资金、人员、时机等实施条件具备', 15, 5),
  ('feasibility', '实施方案周密、可操作', 10, 6),
  ('controllability', '舆情风险点已识别并有应对预案', 15, 7),
  ('controllability', '宣传解读和回应口径准备充分', 10, 8);

-- status: draft (evidence and scoring in progress), confirmed (a leader
-- confirmed or overrode the proposed level). evidence_json and score_json
-- are frozen at confirmation so the printed assessment shows what the
-- decision was based on.
CREATE TABLE assess_assessments (
  id @PK@,
  title TEXT NOT NULL,
  decision TEXT NOT NULL DEFAULT '',
  affected TEXT NOT NULL DEFAULT '',
  timing TEXT NOT NULL DEFAULT '',
  keywords TEXT NOT NULL DEFAULT '',
  regions TEXT NOT NULL DEFAULT '',
  excludes TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'draft',
  proposed_level TEXT NOT NULL DEFAULT '',
  final_level TEXT NOT NULL DEFAULT '',
  override_reason TEXT NOT NULL DEFAULT '',
  confirm_note TEXT NOT NULL DEFAULT '',
  evidence_json TEXT NOT NULL DEFAULT '',
  score_json TEXT NOT NULL DEFAULT '',
  created_by BIGINT NOT NULL DEFAULT 0,
  created_by_name TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  confirmed_by_name TEXT NOT NULL DEFAULT '',
  confirmed_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX assess_assessments_created ON assess_assessments(created_at);

-- score: 0..100, how fully the item is satisfied (100 = no concern).
CREATE TABLE assess_scores (
  assessment_id BIGINT NOT NULL,
  item_id BIGINT NOT NULL,
  score BIGINT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (assessment_id, item_id)
);

-- Risk-prevention measures, tracked to done like rectifications.
-- status: open, done.
CREATE TABLE assess_measures (
  id @PK@,
  assessment_id BIGINT NOT NULL,
  content TEXT NOT NULL,
  owner TEXT NOT NULL,
  deadline BIGINT NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'open',
  done_note TEXT NOT NULL DEFAULT '',
  done_at BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);
CREATE INDEX assess_measures_assessment ON assess_measures(assessment_id);

-- Briefings (舆情专报/要报) drafted from a monitor event.
-- status: draft → submitted → approved (or returned → submitted again) → sent.
-- adoption (after sent): pending, adopted 采用, direct 直报采用,
-- summary 摘报采用, not_adopted 未采用.
CREATE TABLE assess_briefings (
  id @PK@,
  kind TEXT NOT NULL DEFAULT 'special',
  issue_no TEXT NOT NULL DEFAULT '',
  event_id BIGINT NOT NULL DEFAULT 0,
  title TEXT NOT NULL,
  summary TEXT NOT NULL DEFAULT '',
  spread TEXT NOT NULL DEFAULT '',
  sentiment TEXT NOT NULL DEFAULT '',
  actions TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'draft',
  return_reason TEXT NOT NULL DEFAULT '',
  created_by BIGINT NOT NULL DEFAULT 0,
  created_by_name TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  submitted_at BIGINT NOT NULL DEFAULT 0,
  approved_by_name TEXT NOT NULL DEFAULT '',
  approved_at BIGINT NOT NULL DEFAULT 0,
  sent_to TEXT NOT NULL DEFAULT '',
  sent_by_name TEXT NOT NULL DEFAULT '',
  sent_at BIGINT NOT NULL DEFAULT 0,
  adoption TEXT NOT NULL DEFAULT 'pending',
  adoption_note TEXT NOT NULL DEFAULT '',
  adoption_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX assess_briefings_sent ON assess_briefings(sent_at);
