"""PostgreSQL grants of the analysis tables (merged by pg_roles.apply_pg_security; see
pg_roles.CAPABILITY_GRANTS).

- alerts, their cases, topics and runs: leads and admins read them and act on them (the
  lead's inbox: confirm, dismiss with a reason, supervise, problem-of-the-month candidate);
  ``seat-admin analysis run`` writes them as a lead or admin login (or the owner).
- ``analysis_alert_actions``: append-only (the record of who decided what, and why).
- ``case_imports``: only leads and admins import a center's history; the import writes
  its row here in the same transaction, so an import by any other login fails as a whole.
- Agents, units, trainers, inspectors and KB editors get nothing.
"""

from __future__ import annotations

from seat_app.domain.roles import Role

R, W, U, D = "SELECT", "INSERT", "UPDATE", "DELETE"
_CENTER = (Role.LEAD, Role.ADMIN)

TABLE_GRANTS: dict[str, dict[Role, tuple[str, ...]]] = {
    "analysis_alerts": {r: (R, W, U) for r in _CENTER},
    "analysis_alert_cases": {r: (R, W, D) for r in _CENTER},
    "analysis_alert_actions": {r: (R, W) for r in _CENTER},
    "analysis_topics": {r: (R, W, U) for r in _CENTER},
    "analysis_runs": {r: (R, W) for r in _CENTER},
    "case_imports": {r: (R, W) for r in _CENTER},
}
"""Table -> role -> privileges ("SELECT", "INSERT", "UPDATE", "DELETE"), added to the core's."""


def policies(groups: dict[Role, str]) -> dict[str, list[str]]:
    """Table -> CREATE POLICY statements. The analysis tables are the center's, with no
    per-unit or per-agent rows: grants alone decide."""
    return {}
