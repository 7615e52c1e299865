"""PostgreSQL grants and row-level security of the live tables (merged by
pg_roles.apply_pg_security; see pg_roles.CAPABILITY_GRANTS).

``seat_beats``: a seat's process writes its own heartbeat (agents insert and update), the
team lead's console reads every beat and its sweep sets dead seats offline (leads update
``seats``, already granted by the core, and may remove a dead seat's beat).
"""

from __future__ import annotations

from seat_app.domain.roles import Role

R, W, U, D = "SELECT", "INSERT", "UPDATE", "DELETE"

TABLE_GRANTS: dict[str, dict[Role, tuple[str, ...]]] = {
    "seat_beats": {
        Role.AGENT: (R, W, U, D), Role.LEAD: (R, W, U, D), Role.TRAINER: (R,),
        Role.ADMIN: (R, W, U, D),
    },
}
"""Table -> role -> privileges ("SELECT", "INSERT", "UPDATE", "DELETE"), added to the core's."""


def policies(groups: dict[Role, str]) -> dict[str, list[str]]:
    """Table -> CREATE POLICY statements (groups: role -> its group role's name)."""
    return {}
