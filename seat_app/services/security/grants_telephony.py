"""PostgreSQL grants and row-level security of the telephony tables (merged by
pg_roles.apply_pg_security; see pg_roles.CAPABILITY_GRANTS).

``call_records``: a seat writes the records of its own agent's calls (INSERT, and UPDATE to
attach the case number typed after the call ended; row-level security: only rows whose
``work_no`` is the login's own) and reads them (caller history, returns of missed calls);
leads and admins read and write all of them (reports, corrections); trainers and inspectors
read them (practice from real calls, quality sampling). Nobody deletes a call record.
"""

from __future__ import annotations

from seat_app.domain.roles import Role

R, W, U = "SELECT", "INSERT", "UPDATE"

TABLE_GRANTS: dict[str, dict[Role, tuple[str, ...]]] = {
    "call_records": {
        Role.AGENT: (R, W, U), Role.LEAD: (R, W, U), Role.ADMIN: (R, W, U),
        Role.TRAINER: (R,), Role.INSPECTOR: (R,),
    },
}
"""Table -> role -> privileges ("SELECT", "INSERT", "UPDATE", "DELETE"), added to the core's."""


def policies(groups: dict[Role, str]) -> dict[str, list[str]]:
    """Table -> CREATE POLICY statements (groups: role -> its group role's name)."""
    g = groups
    readers = ", ".join(g[r] for r in (Role.AGENT, Role.LEAD, Role.ADMIN, Role.TRAINER,
                                       Role.INSPECTOR))
    return {
        "call_records": [
            f"CREATE POLICY staff_read ON call_records FOR SELECT TO {readers} USING (true)",
            f"CREATE POLICY agent_insert ON call_records FOR INSERT TO {g[Role.AGENT]} "
            "WITH CHECK (work_no = seat_my_work_no())",
            f"CREATE POLICY agent_update ON call_records FOR UPDATE TO {g[Role.AGENT]} "
            "USING (work_no = seat_my_work_no()) WITH CHECK (work_no = seat_my_work_no())",
            f"CREATE POLICY center_insert ON call_records FOR INSERT TO {g[Role.LEAD]}, "
            f"{g[Role.ADMIN]} WITH CHECK (true)",
            f"CREATE POLICY center_update ON call_records FOR UPDATE TO {g[Role.LEAD]}, "
            f"{g[Role.ADMIN]} USING (true) WITH CHECK (true)",
        ],
    }
