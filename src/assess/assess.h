// 研判与报送: opinion-risk assessments before major decisions, and briefings
// sent upward (舆情专报/要报) with their adoption tracked.
#pragma once

namespace minyi {}  // namespace minyi
