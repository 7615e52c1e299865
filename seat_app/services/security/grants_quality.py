"""PostgreSQL grants and row-level security of the quality tables (merged by
pg_roles.apply_pg_security; see pg_roles.CAPABILITY_GRANTS).

- Inspectors read cases and what sampling and the pre-checks need (dispatch state,
  callback surveys, supervisions, calls, the intake suggestions shown) and write evaluations; leads too (they decide disputes, calibrate).
- Agents read only their own RELEASED evaluations (and their items) and write only their
  own disputes.
- Trainers read evaluations and the practice the loop assigned.
- Nobody is granted UPDATE or DELETE on a saved evaluation (and a trigger refuses both,
  for the owner as well): a correction is a new version.
"""

from __future__ import annotations

from seat_app.domain.roles import Role

R, W, U, D = "SELECT", "INSERT", "UPDATE", "DELETE"
A, L, T, Q, M = Role.AGENT, Role.LEAD, Role.TRAINER, Role.INSPECTOR, Role.ADMIN

TABLE_GRANTS: dict[str, dict[Role, tuple[str, ...]]] = {
    "qa_forms": {Q: (R, W, U), L: (R, W, U), M: (R, W, U), T: (R,), A: (R,)},
    "qa_samples": {Q: (R, W), L: (R, W), M: (R, W), T: (R,)},
    "qa_sample_picks": {Q: (R, W), L: (R, W), M: (R, W), T: (R,)},
    "qa_evaluations": {Q: (R, W), L: (R, W), M: (R, W), T: (R,), A: (R,)},
    "qa_item_results": {Q: (R, W), L: (R, W), M: (R, W), T: (R,), A: (R,)},
    "qa_releases": {Q: (R, W), L: (R, W), M: (R, W), T: (R,), A: (R,)},
    "qa_disputes": {Q: (R, W, U), L: (R, W, U), M: (R, W, U), T: (R,), A: (R, W)},
    "qa_calibration_rounds": {Q: (R,), L: (R, W, U), M: (R, W, U)},
    "qa_calibration_scores": {Q: (R, W), L: (R, W), M: (R, W)},
    "qa_practice_assignments": {Q: (R, W), L: (R, W, U), M: (R, W, U), T: (R,), A: (R,)},
    "qa_fault_truth": {L: (R,), M: (R, W, U, D)},
    # what an inspector reads besides cases and case_events (granted by the core)
    "case_dispatch": {Q: (R,)},
    "callback_surveys": {Q: (R,)},
    "supervisions": {Q: (R,)},
    "calls": {Q: (R,)},
    "intake_suggestions": {Q: (R,)},
}
"""Table -> role -> privileges ("SELECT", "INSERT", "UPDATE", "DELETE"), added to the core's."""

MY_WORK_NO = "seat_my_work_no()"


def policies(groups: dict[Role, str]) -> dict[str, list[str]]:
    """Table -> CREATE POLICY statements (groups: role -> its group role's name)."""
    g = {role: f'"{name}"' for role, name in groups.items()}
    staff = f"{g[Q]}, {g[L]}, {g[M]}"
    readers = f"{staff}, {g[T]}"
    own = f"agent = {MY_WORK_NO}"
    return {
        "qa_evaluations": [
            f"CREATE POLICY qa_staff_read ON qa_evaluations FOR SELECT TO {readers} USING (true)",
            f"CREATE POLICY qa_agent_read ON qa_evaluations FOR SELECT TO {g[A]} "
            f"USING ({own} AND id IN (SELECT evaluation_id FROM qa_releases))",
            f"CREATE POLICY qa_staff_insert ON qa_evaluations FOR INSERT TO {staff} "
            "WITH CHECK (true)",
        ],
        "qa_item_results": [
            f"CREATE POLICY qa_staff_read ON qa_item_results FOR SELECT TO {readers} "
            "USING (true)",
            # the subquery is itself filtered: an agent's own released evaluations only
            f"CREATE POLICY qa_agent_read ON qa_item_results FOR SELECT TO {g[A]} "
            "USING (evaluation_id IN (SELECT id FROM qa_evaluations))",
            f"CREATE POLICY qa_staff_insert ON qa_item_results FOR INSERT TO {staff} "
            "WITH CHECK (true)",
        ],
        "qa_releases": [
            f"CREATE POLICY qa_staff_read ON qa_releases FOR SELECT TO {readers} USING (true)",
            f"CREATE POLICY qa_agent_read ON qa_releases FOR SELECT TO {g[A]} USING ({own})",
            f"CREATE POLICY qa_staff_insert ON qa_releases FOR INSERT TO {staff} "
            "WITH CHECK (true)",
        ],
        "qa_disputes": [
            f"CREATE POLICY qa_staff_read ON qa_disputes FOR SELECT TO {readers} USING (true)",
            f"CREATE POLICY qa_staff_insert ON qa_disputes FOR INSERT TO {staff} "
            "WITH CHECK (true)",
            f"CREATE POLICY qa_staff_update ON qa_disputes FOR UPDATE TO {staff} "
            "USING (true) WITH CHECK (true)",
            f"CREATE POLICY qa_agent_read ON qa_disputes FOR SELECT TO {g[A]} USING ({own})",
            f"CREATE POLICY qa_agent_insert ON qa_disputes FOR INSERT TO {g[A]} "
            f"WITH CHECK ({own} AND evaluation_id IN (SELECT id FROM qa_evaluations))",
        ],
        "qa_practice_assignments": [
            f"CREATE POLICY qa_staff_read ON qa_practice_assignments FOR SELECT TO {readers} "
            "USING (true)",
            f"CREATE POLICY qa_staff_write ON qa_practice_assignments FOR INSERT TO {staff} "
            "WITH CHECK (true)",
            f"CREATE POLICY qa_lead_update ON qa_practice_assignments FOR UPDATE TO {g[L]}, "
            f"{g[M]} USING (true) WITH CHECK (true)",
            f"CREATE POLICY qa_agent_read ON qa_practice_assignments FOR SELECT TO {g[A]} "
            f"USING ({own})",
        ],
        # tables with row-level security from the core: the inspector's read
        "case_dispatch": [
            f"CREATE POLICY qa_inspector_read ON case_dispatch FOR SELECT TO {g[Q]} "
            "USING (true)"],
        "supervisions": [
            f"CREATE POLICY qa_inspector_read ON supervisions FOR SELECT TO {g[Q]} "
            "USING (true)"],
    }
