"""PostgreSQL grants of the site-wide settings (merged by ``pg_roles.apply_pg_security``;
see ``pg_roles.CAPABILITY_GRANTS``): every role reads them (a seat checks the minimum client
version at sign-in), only administrators change them."""

from __future__ import annotations

from seat_app.domain.roles import Role

TABLE_GRANTS: dict[str, dict[Role, tuple[str, ...]]] = {
    "site_settings": {
        **{role: ("SELECT",) for role in Role},
        Role.ADMIN: ("SELECT", "INSERT", "UPDATE", "DELETE"),
    },
}
"""Table -> role -> privileges, added to the core's."""


def policies(groups: dict[Role, str]) -> dict[str, list[str]]:
    """No row-level rules: the rows are the same for everyone."""
    return {}
