"""PostgreSQL rights of the kb_upkeep tables, tried as each role's own login: agents only
insert corrections (in their own name) and search-log rows; editors write drafts and cannot
publish their own; approvers publish; kb_entries follows only a version its writer
approved; nobody (the owner included) changes a published version in place."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from seat_app.domain import kb_upkeep as ku
from seat_app.domain.roles import Role
from seat_app.services.kb import corrections, searchlog, upkeep
from seat_app.services.local.store import LocalStore
from seat_app.services.security import auth
from seat_app.services.security import pg_roles as pg_security
from seat_app.services.store import make_engine, upgrade
from seat_app.services.sync.engine import push_outbox

pytestmark = [pytest.mark.kb_upkeep, pytest.mark.security, pytest.mark.pg]

USERS = {"1001": Role.AGENT, "1002": Role.AGENT, "6101": Role.KB_EDITOR,
         "6102": Role.KB_EDITOR, "2001": Role.LEAD}
VALUES = {
    "code": "KB-G-1", "kind": "常见问题", "title": "停水怎么办", "matter": "停水",
    "area": "盐湖区", "unit": "盐湖区供水公司", "answer": "请拨打供水热线。",
    "valid_from": date(2026, 1, 1),
}


def pw(work_no: str) -> str:
    return f"Kb-{work_no}-pw!x9"


@pytest.fixture
def logins(pg_migrated_url: str) -> Iterator[dict]:
    from argon2 import PasswordHasher, profiles

    previous = auth.use_hasher(PasswordHasher.from_parameters(profiles.CHEAPEST))
    owner = make_engine(pg_migrated_url)
    upgrade(owner)
    pg_security.apply_pg_security(owner)
    sessions = []
    try:
        for work_no, role in USERS.items():
            auth.add_user(owner, work_no, f"用户{work_no}", role, pw(work_no))
        for work_no in USERS:
            sessions.append(auth.sign_in(pg_migrated_url, work_no, pw(work_no)))
        yield {"owner": owner, **{s.work_no: s.engine for s in sessions}}
    finally:
        for s in sessions:
            s.engine.dispose()
        pg_security.drop_pg_roles(owner)
        owner.dispose()
        auth.use_hasher(previous)


def _denied(engine, sql: str, **params) -> bool:
    """The database refused the statement, or row-level security let it touch nothing."""
    try:
        with engine.begin() as conn:
            result = conn.execute(text(sql), params)
            touched = len(result.all()) if result.returns_rows else result.rowcount
    except DBAPIError as exc:
        return getattr(exc.orig, "sqlstate", None) in ("42501", "P0001")
    return touched == 0


def _published(logins) -> None:
    editor = upkeep.Upkeep(logins["6101"], "6101")
    editor.create(VALUES)
    editor.submit("KB-G-1", 1)
    upkeep.Upkeep(logins["2001"], "2001").approve("KB-G-1", 1)


def test_agents_insert_corrections_and_search_logs_only(logins, tmp_path: Path):
    agent = logins["1001"]
    store = LocalStore.open_path(tmp_path / "seat.sqlite3", seat_code="S01")
    try:
        corrections.file_correction(store, "KB-G-1", 1, "wrong", "电话号码错了", agent="1001")
        searchlog.write_records(store, [ku.record("停水", datetime(2026, 1, 1, 8, tzinfo=UTC),
                                                  ["KB-G-1"])])
        report = push_outbox(store, agent)
        assert report.acknowledged == 2
        # a correction in someone else's name (a tampered seat) is refused by the database
        # (row-level security, 42501): that one op is rejected, the push goes on (an op
        # filed after it still arrives), nothing of it is stored centrally
        forged = corrections.file_correction(store, "KB-G-1", 1, "wrong", "冒名", agent="1002")
        searchlog.write_records(store, [ku.record("停电", datetime(2026, 1, 1, 9, tzinfo=UTC),
                                                  ["KB-G-1"])])
        report = push_outbox(store, agent)
        assert report.rejected == 1 and report.acknowledged == 1
        assert push_outbox(store, agent).sent == 0  # the outbox is not blocked
    finally:
        store.close()
    owner = logins["owner"]
    with owner.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM kb_corrections")).scalar() == 1
        assert conn.execute(text("SELECT count(*) FROM kb_search_log")).scalar() == 2
        assert conn.execute(text("SELECT count(*) FROM kb_corrections WHERE id = :i"),
                            {"i": forged.id}).scalar() == 0
    _published(logins)
    denied = [
        _denied(agent, "SELECT * FROM kb_search_log"),
        _denied(agent, "UPDATE kb_corrections SET state = 'closed'"),
        _denied(agent, "DELETE FROM kb_corrections"),
        _denied(agent, "SELECT * FROM kb_versions"),
        _denied(agent, "UPDATE kb_versions SET note = 'x'"),
        _denied(agent, "UPDATE kb_entries SET answer = 'x'"),
        _denied(agent, "SELECT * FROM kb_search_daily"),
        _denied(logins["1002"], "SELECT * FROM kb_corrections"),  # not theirs
    ]
    print(f"agent: {sum(denied)}/{len(denied)} denied")
    assert all(denied)
    with agent.connect() as conn:  # an agent still reads the knowledge base and its own
        assert conn.execute(text("SELECT count(*) FROM kb_entries")).scalar() == 1
        assert conn.execute(text("SELECT count(*) FROM kb_corrections")).scalar() == 1


def test_editors_draft_approvers_publish_never_their_own(logins):
    editor, other = logins["6101"], logins["6102"]
    svc = upkeep.Upkeep(editor, "6101")
    svc.create(VALUES)
    svc.submit("KB-G-1", 1)
    with pytest.raises(ku.SelfApproval):
        svc.approve("KB-G-1", 1)
    # around the service: the database refuses the author's own publish and a fake entry
    denied = [
        _denied(editor, "UPDATE kb_versions SET state = 'published', reviewer = '6101' "
                        "WHERE code = 'KB-G-1'"),
        _denied(editor, "UPDATE kb_versions SET state = 'published', reviewer = '6102' "
                        "WHERE code = 'KB-G-1'"),
        _denied(editor, "INSERT INTO kb_entries (id, revision, change_seq, changed_by, "
                        "changed_at, deleted, code, kind, title, domain, subcategory, matter, "
                        "area, unit, answer, procedure, materials, place, hours, fees, "
                        "time_limit, phone, keywords, status, version) VALUES ('x', 1, 0, '', "
                        "now(), false, 'KB-G-1', '常见问题', 't', 'd', 's', '停水', '盐湖区', '', "
                        "'a', '', '', '', '', '', '', '', '', '已发布', 1)"),
        _denied(editor, "INSERT INTO kb_versions (id, code, number, state, fields, author, "
                        "editors, created_at, changed_at, changes, reviewer, note) VALUES "
                        "('v', 'KB-G-2', 1, 'draft', '{}', '6102', ',6102,', now(), now(), "
                        "'[]', '', '')"),  # a draft in someone else's name
        _denied(logins["1001"], "UPDATE kb_versions SET state = 'published'"),
    ]
    print(f"editor: {sum(denied)}/{len(denied)} denied")
    assert all(denied)
    published = upkeep.Upkeep(other, "6102").approve("KB-G-1", 1)  # a second editor may
    assert published.number == 1
    # the approved entry is there; an edit as a new version goes through review again
    upkeep.Upkeep(other, "6102").draft("KB-G-1", {**VALUES, "answer": "新答复口径。"})
    lead = upkeep.Upkeep(logins["2001"], "2001")
    upkeep.Upkeep(other, "6102").submit("KB-G-1", 2)
    lead.approve("KB-G-1", 2)
    with logins["owner"].connect() as conn:
        assert conn.execute(text("SELECT answer FROM kb_entries WHERE code = 'KB-G-1'")
                            ).scalar() == "新答复口径。"
    # the lead cannot write the entry to anything but what they approved
    assert _denied(logins["2001"], "UPDATE kb_entries SET version = 1 WHERE code = 'KB-G-1'")


def test_nobody_changes_a_published_version_in_place(logins):
    _published(logins)
    for who in ("2001", "6101", "owner"):
        assert _denied(logins[who], "UPDATE kb_versions SET fields = '{}' "
                                    "WHERE code = 'KB-G-1' AND number = 1"), who
        assert _denied(logins[who], "DELETE FROM kb_versions WHERE code = 'KB-G-1'"), who
    h = upkeep.Upkeep(logins["owner"], "9001").history("KB-G-1")
    assert h.published.fields["answer"] == VALUES["answer"] and h.published.number == 1


def test_editor_closes_a_correction_and_the_agent_is_told(logins, tmp_path: Path):
    store = LocalStore.open_path(tmp_path / "seat.sqlite3", seat_code="S03")
    try:
        c = corrections.file_correction(store, "KB-G-1", 1, "outdated", "", agent="1001")
        push_outbox(store, logins["1001"])
    finally:
        store.close()
    assert _denied(logins["6101"], "UPDATE kb_corrections SET closed_by = '6102', "
                                   "state = 'closed'")  # not in someone else's name
    done = corrections.close_correction(logins["6101"], "6101", c.id, "no_change", "内容无误")
    assert done.told_seat == "S03"
    with logins["owner"].connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM seat_messages WHERE seat_code = 'S03'")
                            ).scalar() == 1
