"""PostgreSQL grants and row-level security of the training tables (merged by
pg_roles.apply_pg_security; see pg_roles.CAPABILITY_GRANTS).

- trainers manage scenarios, rubrics, settings, sessions, trainees and hints, and read,
  correct or remove every result; admins likewise; leads read;
- an agent reads the library, reads only the sessions it is a trainee of, updates only its
  own progress and hints (read mark), writes only its own practice records (attempts,
  results, result items) and reads only its own results (RLS on ``work_no``);
- inspectors read the library (they send recurring misses back to practice);
- the practice services write nothing else: ``cases``, ``case_events``, ``calls``, the
  queue and the outbox are never touched (trainers cannot write ``cases`` at all).
"""

from __future__ import annotations

from seat_app.domain.roles import Role

R, W, U, D = "SELECT", "INSERT", "UPDATE", "DELETE"

_LIBRARY = {Role.AGENT: (R,), Role.LEAD: (R,), Role.TRAINER: (R, W, U), Role.ADMIN: (R, W, U),
            Role.INSPECTOR: (R,)}
_OWN_RECORDS = {Role.AGENT: (R, W), Role.LEAD: (R,), Role.TRAINER: (R, U, D),
                Role.ADMIN: (R, U, D)}

TABLE_GRANTS: dict[str, dict[Role, tuple[str, ...]]] = {
    "training_scenarios": _LIBRARY,
    "training_rubrics": {Role.AGENT: (R,), Role.LEAD: (R,), Role.TRAINER: (R, W),
                         Role.ADMIN: (R, W), Role.INSPECTOR: (R,)},
    "training_settings": {Role.AGENT: (R,), Role.LEAD: (R,), Role.TRAINER: (R, W, U),
                          Role.ADMIN: (R, W, U)},
    "training_sessions": {Role.AGENT: (R,), Role.LEAD: (R,), Role.TRAINER: (R, W, U),
                          Role.ADMIN: (R, W, U)},
    "training_session_trainees": {Role.AGENT: (R, U), Role.LEAD: (R,),
                                  Role.TRAINER: (R, W, U, D), Role.ADMIN: (R, W, U, D)},
    "training_hints": {Role.AGENT: (R, U), Role.LEAD: (R,), Role.TRAINER: (R, W, U),
                       Role.ADMIN: (R, W, U)},
    "training_attempts": _OWN_RECORDS,
    "training_results": _OWN_RECORDS,
    "training_result_items": _OWN_RECORDS,
}
"""Table -> role -> privileges ("SELECT", "INSERT", "UPDATE", "DELETE"), added to the core's."""

OWN_TABLES = ("training_session_trainees", "training_hints", "training_attempts",
              "training_results", "training_result_items")
"""Tables whose rows belong to one trainee (``work_no``): an agent's login sees only its own."""


def policies(groups: dict[Role, str]) -> dict[str, list[str]]:
    """Table -> CREATE POLICY statements (groups: role -> its group role's name)."""
    g = {role: f'"{name}"' for role, name in groups.items()}
    staff = f"{g[Role.TRAINER]}, {g[Role.LEAD]}, {g[Role.ADMIN]}"
    mine = "work_no = seat_my_work_no()"
    out: dict[str, list[str]] = {}
    for table in OWN_TABLES:
        out[table] = [
            f"CREATE POLICY agent_own ON {table} FOR ALL TO {g[Role.AGENT]} "
            f"USING ({mine}) WITH CHECK ({mine})",
            f"CREATE POLICY staff_all ON {table} FOR ALL TO {staff} USING (true) WITH CHECK (true)",
        ]
    out["training_sessions"] = [
        f"CREATE POLICY agent_own ON training_sessions FOR SELECT TO {g[Role.AGENT]} "
        "USING (id IN (SELECT session_id FROM training_session_trainees "
        f"WHERE {mine}))",
        f"CREATE POLICY staff_all ON training_sessions FOR ALL TO {staff} "
        "USING (true) WITH CHECK (true)",
    ]
    return out
