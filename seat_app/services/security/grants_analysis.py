"""PostgreSQL grants and row-level security of the analysis tables (merged by
pg_roles.apply_pg_security; see pg_roles.CAPABILITY_GRANTS)."""

from __future__ import annotations

from seat_app.domain.roles import Role

TABLE_GRANTS: dict[str, dict[Role, tuple[str, ...]]] = {}
"""Table -> role -> privileges ("SELECT", "INSERT", "UPDATE", "DELETE"), added to the core's."""


def policies(groups: dict[Role, str]) -> dict[str, list[str]]:
    """Table -> CREATE POLICY statements (groups: role -> its group role's name)."""
    return {}
