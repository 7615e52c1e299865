"""PostgreSQL grants of the intake tables (merged by pg_roles.apply_pg_security; see
pg_roles.CAPABILITY_GRANTS).

- ``intake_models``: every staff role that runs a seat reads the published models (the sync
  loop fetches the newest); leads and admins train and publish (INSERT, and UPDATE to retire
  a version). Nobody deletes a published version.
- ``intake_corrections``: written where a case's matter changes: by leads (pre-review,
  re-dispatch) and by units (a return with another matter); leads, admins and inspectors
  read them (the report, training). Append-only: no UPDATE or DELETE for anyone.
- ``intake_suggestions``: agents record what they were shown at intake; leads and admins
  read them for the report. Append-only.
"""

from __future__ import annotations

from seat_app.domain.roles import Role

R, W, U = "SELECT", "INSERT", "UPDATE"

TABLE_GRANTS: dict[str, dict[Role, tuple[str, ...]]] = {
    "intake_models": {
        Role.AGENT: (R,), Role.LEAD: (R, W, U), Role.ADMIN: (R, W, U), Role.TRAINER: (R,),
        Role.UNIT: (R,), Role.INSPECTOR: (R,),
    },
    "intake_corrections": {
        Role.LEAD: (R, W), Role.ADMIN: (R, W), Role.UNIT: (W,), Role.INSPECTOR: (R,),
    },
    "intake_suggestions": {
        Role.AGENT: (W,), Role.LEAD: (R, W), Role.ADMIN: (R, W),
    },
}
"""Table -> role -> privileges ("SELECT", "INSERT", "UPDATE", "DELETE"), added to the core's."""


def policies(groups: dict[Role, str]) -> dict[str, list[str]]:
    """Table -> CREATE POLICY statements (groups: role -> its group role's name). The intake
    tables hold no per-unit or per-agent rows that need row-level security."""
    return {}
