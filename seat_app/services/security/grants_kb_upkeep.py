"""PostgreSQL grants and row-level security of the kb_upkeep tables (merged by
pg_roles.apply_pg_security; see pg_roles.CAPABILITY_GRANTS).

Who may do what, enforced by the database for each signed-in login:

* agents (and leads at a seat) only INSERT corrections and search-log rows: a correction
  carries their own work number and is open; they read back their own corrections (the
  push reads the row it inserts) and no search-log row at all;
* knowledge editors (``kb_editor``, and admins) write drafts: a new version is a draft whose
  author is the login; a draft, a version in review or one sent back is changed only by one
  of its editors and only to draft or in-review;
* approvers (``kb_editor``, ``lead``, ``admin``) publish or send back a version in review,
  as its reviewer and never when they are one of its editors (the author cannot approve);
* ``kb_entries`` (what seats pull) is written by an approver only to equal a version that
  approver published (``version`` = a published ``kb_versions.number`` they reviewed);
* nobody changes a published version in place: the ``kb_versions_guard`` trigger of
  migration 0405 refuses it for every login, the owner included, and refuses deletes;
* editors close corrections (as themselves) and tell the agent through ``seat_messages``.
"""

from __future__ import annotations

from seat_app.domain.roles import Role

R, W, U, D = "SELECT", "INSERT", "UPDATE", "DELETE"

_APPROVERS = (Role.KB_EDITOR, Role.LEAD, Role.ADMIN)

TABLE_GRANTS: dict[str, dict[Role, tuple[str, ...]]] = {
    "kb_versions": {Role.KB_EDITOR: (R, W, U), Role.LEAD: (R, U), Role.ADMIN: (R, W, U)},
    "kb_version_events": {Role.KB_EDITOR: (R, W), Role.LEAD: (R, W), Role.ADMIN: (R, W)},
    "kb_entries": {Role.KB_EDITOR: (R, W, U), Role.LEAD: (R, W, U)},
    "kb_corrections": {
        Role.AGENT: (R, W), Role.LEAD: (R, W, U), Role.KB_EDITOR: (R, U), Role.ADMIN: (R, U),
    },
    "kb_search_log": {
        Role.AGENT: (R, W), Role.LEAD: (R, W), Role.KB_EDITOR: (R,), Role.ADMIN: (R,),
    },
    "kb_search_daily": {role: (R, W, U) for role in _APPROVERS},
    "kb_entry_daily": {role: (R, W, U) for role in _APPROVERS},
    "kb_rollup_marks": {role: (R, W, U) for role in _APPROVERS},
    # publishing stamps the central change number; closing a correction tells the agent
    "change_counter": {Role.KB_EDITOR: (R, W, U)},
    "applied_ops": {Role.KB_EDITOR: (R,)},
    # seat_messages has the default grants (pg_roles.DEFAULT_GRANTS) unless a capability
    # names it: they are repeated here, plus editors' INSERT
    "seat_messages": {
        Role.AGENT: (R, W, U), Role.LEAD: (R, W, U), Role.TRAINER: (R, W, U),
        Role.ADMIN: (R, W, U), Role.KB_EDITOR: (W,),
    },
}
"""Table -> role -> privileges ("SELECT", "INSERT", "UPDATE", "DELETE"), added to the core's."""

_ME = "seat_my_work_no()"
_IS_EDITOR = f"position(',' || {_ME} || ',' in editors) > 0"
_NOT_EDITOR = f"position(',' || coalesce({_ME}, '') || ',' in editors) = 0"
_OPEN = "state IN ('draft', 'in_review', 'rejected')"


def policies(groups: dict[Role, str]) -> dict[str, list[str]]:
    """Table -> CREATE POLICY statements (groups: role -> its group role's name)."""
    g = {role: f'"{name}"' for role, name in groups.items()}
    everyone = ", ".join(g.values())
    editors = f"{g[Role.KB_EDITOR]}, {g[Role.ADMIN]}"
    approvers = ", ".join(g[r] for r in _APPROVERS)
    published_by_me = (
        "EXISTS (SELECT 1 FROM kb_versions v WHERE v.code = kb_entries.code "
        f"AND v.number = kb_entries.version AND v.state = 'published' AND v.reviewer = {_ME})"
    )
    return {
        "kb_versions": [
            f"CREATE POLICY read ON kb_versions FOR SELECT TO {approvers} USING (true)",
            f"CREATE POLICY draft_insert ON kb_versions FOR INSERT TO {editors} "
            f"WITH CHECK (state = 'draft' AND author = {_ME} AND {_IS_EDITOR})",
            # the baseline of an imported entry, stored with its first change
            f"CREATE POLICY baseline_insert ON kb_versions FOR INSERT TO {editors} "
            "WITH CHECK (author = 'import' AND state = 'published' AND EXISTS (SELECT 1 "
            "FROM kb_entries e WHERE e.code = kb_versions.code "
            "AND e.version = kb_versions.number))",
            f"CREATE POLICY draft_update ON kb_versions FOR UPDATE TO {editors} "
            f"USING ({_OPEN}) WITH CHECK (state IN ('draft', 'in_review') AND {_IS_EDITOR})",
            f"CREATE POLICY review_update ON kb_versions FOR UPDATE TO {approvers} "
            "USING (state IN ('in_review', 'published')) "
            f"WITH CHECK ((state IN ('published', 'rejected') AND reviewer = {_ME} "
            f"AND {_NOT_EDITOR}) OR state = 'superseded')",
        ],
        "kb_version_events": [
            f"CREATE POLICY read ON kb_version_events FOR SELECT TO {approvers} USING (true)",
            f"CREATE POLICY own_insert ON kb_version_events FOR INSERT TO {approvers} "
            f"WITH CHECK (who = {_ME})",
        ],
        "kb_entries": [
            f"CREATE POLICY read ON kb_entries FOR SELECT TO {everyone} USING (true)",
            f"CREATE POLICY admin_write ON kb_entries FOR ALL TO {g[Role.ADMIN]} "
            "USING (true) WITH CHECK (true)",
            f"CREATE POLICY publish_insert ON kb_entries FOR INSERT TO {g[Role.KB_EDITOR]}, "
            f"{g[Role.LEAD]} WITH CHECK ({published_by_me})",
            f"CREATE POLICY publish_update ON kb_entries FOR UPDATE TO {g[Role.KB_EDITOR]}, "
            f"{g[Role.LEAD]} USING (true) WITH CHECK ({published_by_me})",
        ],
        "kb_corrections": [
            f"CREATE POLICY own_insert ON kb_corrections FOR INSERT TO {g[Role.AGENT]}, "
            f"{g[Role.LEAD]} WITH CHECK (agent = {_ME} AND state = 'open' AND closed_by = '')",
            f"CREATE POLICY own_read ON kb_corrections FOR SELECT TO {g[Role.AGENT]} "
            f"USING (agent = {_ME})",
            f"CREATE POLICY read ON kb_corrections FOR SELECT TO {approvers} USING (true)",
            f"CREATE POLICY close ON kb_corrections FOR UPDATE TO {approvers} "
            f"USING (true) WITH CHECK (closed_by = {_ME})",
        ],
        "kb_search_log": [
            f"CREATE POLICY append ON kb_search_log FOR INSERT TO {g[Role.AGENT]}, "
            f"{g[Role.LEAD]} WITH CHECK (true)",
            f"CREATE POLICY read ON kb_search_log FOR SELECT TO {approvers} USING (true)",
        ],
    }
