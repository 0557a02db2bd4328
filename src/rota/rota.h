// The on-duty rota (值班): who is on duty when, heightened periods, paging the
// person on duty for alerts and escalations, acknowledgement and escalation
// to the leader, and hand-over notes between shifts.
#pragma once

namespace minyi {}  // namespace minyi
