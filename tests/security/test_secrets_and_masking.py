"""No password anywhere on disk after "remember me"; masking and audit entries per role;
SQL-injection strings and control characters stored and searched verbatim; overlong
input refused with a clear message."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from sqlalchemy import text

from seat_app.domain.roles import InputRefused, Role, mask_phone
from seat_app.services.config import open_home
from seat_app.services.security import audit, auth, secrets

pytestmark = pytest.mark.security

PHONE = "13812345678"
"""The caller phone of every case in the security world (tests/security/conftest.py)."""


def files_under(*roots: Path) -> list[Path]:
    return [p for root in roots if root.exists() for p in root.rglob("*") if p.is_file()]


def _encodings(secret: str) -> list[bytes]:
    return [secret.encode("utf-8"), secret.encode("utf-16-le"), secret.encode("utf-16-be"),
            json.dumps(secret).encode("utf-8")]


def scan_for(secret: str, *roots: Path) -> list[str]:
    """Every file under ``roots`` that holds ``secret`` in any common encoding."""
    hits = []
    needles = _encodings(secret)
    for path in files_under(*roots):
        data = path.read_bytes()
        if any(n in data for n in needles):
            hits.append(str(path))
    return hits


def test_scan_finds_a_planted_password(tmp_path):
    """Negative control: the scan does find a password where one is."""
    secret = "Planted-secret-42"
    (tmp_path / "deep" / "er").mkdir(parents=True)
    (tmp_path / "deep" / "er" / "a.log").write_text(f"user=1 password: {secret}\n", "utf-8")
    (tmp_path / "b.dat").write_bytes(b"\x00" + secret.encode("utf-16-le"))
    (tmp_path / "c.json").write_text(json.dumps({"p": secret}), "utf-8")
    assert len(scan_for(secret, tmp_path)) == 3
    assert scan_for("Not-there-at-all", tmp_path) == []


def test_remember_me_leaves_no_password_in_seat_home_or_logs(world, memory_keyring):
    home = open_home()
    home.ensure()
    log_file = home.log_dir / "seat.log"
    handler = logging.FileHandler(log_file, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(message)s"))
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    logging.getLogger("sqlalchemy.engine").setLevel(logging.INFO)
    secrets.install_log_redaction()
    try:
        new_password = "Remember-Me-pw'7%"
        auth.add_user(world.engine, "4242", "新话务员", Role.AGENT, new_password)
        session = auth.sign_in(world.url, "4242", new_password, remember=True)
        world.sessions.append(session)
        # Careless logging elsewhere must not leak it either:
        log = logging.getLogger("seat.careless")
        log.info("signing in with %s", new_password)
        log.warning("url postgresql://u:%s@db/seat", new_password)
        try:
            raise RuntimeError(f"connection failed for password={new_password}")
        except RuntimeError:
            log.exception("crash")
        home.save_settings()
        auth.sign_out(session)
        again = auth.sign_in_remembered(world.url)
        assert again is not None and again.work_no == "4242"
        world.sessions.append(again)
        auth.sign_out(again)
    finally:
        root.removeHandler(handler)
        handler.close()
        root.setLevel(old_level)
        logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)
    # The keyring holds it (that is where it belongs) ...
    assert new_password in memory_keyring.store.values()
    # ... and no file under SEAT_HOME, logs included, does.
    text_logged = log_file.read_text("utf-8")
    assert "signing in with ***" in text_logged and "Traceback" in text_logged
    assert len(files_under(home.root)) >= 2
    assert scan_for(new_password, home.root) == []
    # Forgetting removes it from the keyring too.
    secrets.forget(secrets.realm_for(world.url))
    assert new_password not in memory_keyring.store.values()
    assert auth.sign_in_remembered(world.url) is None


def test_database_password_moves_from_url_to_keyring(memory_keyring):
    url = "postgresql+psycopg://seat_admin:Db-Secret-9@db.example:5432/seat"
    plain = secrets.store_url_secret(url)
    assert "Db-Secret-9" not in plain and plain.startswith("postgresql+psycopg://seat_admin@")
    assert secrets.resolve_url(plain) == url
    assert secrets.redact(f"connect {url}") == "connect postgresql+psycopg://seat_admin:***@db.example:5432/seat"


def test_masking_and_audit_entries_per_role(world, capsys):
    water = world.cases["open_water"]
    lead = world.sign_in(Role.LEAD)
    for role in Role:
        s = world.sign_in(role)
        actions = {audit.SIGN_IN}
        if s.may("case.view"):
            case = audit.view_case(s, water)
            expected = PHONE if role is Role.AGENT else mask_phone(PHONE)
            assert case["caller_phone"] == expected
            actions.add(audit.CASE_VIEW)
        else:  # a knowledge-base editor sees no case at all (and the refusal is audited)
            with pytest.raises(auth.Denied):
                audit.view_case(s, water)
            actions.add(audit.DENIED)
        if s.may("phone.unmask"):
            assert audit.unmask_phone(s, water, reason="回访核实") == PHONE
            actions.add(audit.UNMASK)
        if s.may("case.export"):
            rows = audit.export_cases(s)
            assert rows and all(r["caller_phone"] == mask_phone(PHONE) for r in rows)
            actions.add(audit.CASE_EXPORT)
        if s.may("kb.edit"):
            audit.edit_kb_entry(s, world.kb_code, {"answer": "新口径"})
            audit.edit_unit(s, world.unit_code, {"phone": "0359-2000000"})
            actions |= {audit.KB_EDIT, audit.UNIT_EDIT}
        if role is Role.UNIT:
            audit.change_case(s, water, {"reply_text": "已恢复供水", "status": "已回复"})
            actions.add(audit.CASE_CHANGE)
        auth.sign_out(s)
        actions.add(audit.SIGN_OUT)
        entries = audit.read_audit(lead, work_no=s.work_no, limit=1000)
        seen = {e["action"] for e in entries}
        assert actions <= seen, f"{role.value}: missing {actions - seen}"
        unmask = [e for e in entries if e["action"] == audit.UNMASK]
        if unmask and role is not Role.LEAD:
            assert json.loads(unmask[0]["detail"])["reason"] == "回访核实"
        if world.backend == "pg":
            assert {e["db_user"] for e in entries} == {s.engine.url.username}
        with capsys.disabled():
            print(f"\n[{world.backend}] {role.value}: phone shown as {case['caller_phone']}; "
                  f"audited {sorted(actions)}", end="")


INJECTIONS = [
    "'; DROP TABLE cases; --",
    "1' OR '1'='1",
    "\"; DELETE FROM users WHERE \"\"=\"",
    "Robert'); DROP TABLE audit_log;--",
    "%_\\ UNION SELECT password_hash FROM users --",
    "$$; SELECT pg_sleep(5); $$",
    "tab\there\nnewline\rcr\x1b[31mred\x07bell\x7f\x85next\u2028sep",
]


def test_injection_strings_and_control_characters_are_stored_and_searched_verbatim(world):
    agent = world.sign_in(Role.AGENT)
    admin = world.sign_in(Role.ADMIN)
    case_id = world.cases["open_water"]
    for value in INJECTIONS:
        audit.change_case(agent, case_id, {
            "description": f"前缀{value}后缀", "caller_name": value[:40], "caller_address": value,
        })
        stored = audit.view_case(agent, case_id)
        assert stored["description"] == f"前缀{value}后缀"
        assert stored["caller_name"] == value[:40] and stored["caller_address"] == value
        hits = audit.search_cases(agent, value)
        assert [h["id"] for h in hits] == [case_id], value
        audit.edit_kb_entry(admin, world.kb_code, {"answer": value})
        with world.engine.connect() as conn:
            assert conn.execute(
                text("SELECT answer FROM kb_entries WHERE code = :c"), {"c": world.kb_code}
            ).scalar() == value
    # Wildcards are plain characters: '%_' finds only the case that contains it.
    audit.change_case(agent, case_id, {"description": "水费 100%_含税", "caller_address": ""})
    assert [h["id"] for h in audit.search_cases(agent, "%_")] == [case_id]
    assert [h["id"] for h in audit.search_cases(agent, "0%")] == [case_id]
    assert audit.search_cases(agent, "1%税") == []
    assert audit.search_cases(agent, "_没有这种内容_") == []
    with world.engine.connect() as conn:
        for table in ("cases", "users", "audit_log", "kb_entries"):
            assert conn.execute(text(f"SELECT count(*) FROM {table}")).scalar() > 0


def test_overlong_input_is_refused_with_a_clear_message_and_nothing_changes(sqlite_world):
    world = sqlite_world
    agent = world.sign_in(Role.AGENT)
    case_id = world.cases["open_water"]
    before = audit.view_case(agent, case_id)
    with pytest.raises(InputRefused) as info:
        audit.change_case(agent, case_id, {"description": "长" * 4001})
    assert "诉求内容过长：4001 个字符，最多 4000 个" in info.value.zh
    assert "too long: 4001 characters, at most 4000" in info.value.en
    with pytest.raises(InputRefused, match="at most 200"):
        audit.search_cases(agent, "词" * 201)
    with pytest.raises(InputRefused, match="NUL"):
        audit.change_case(agent, case_id, {"caller_name": "a\x00b"})
    after = audit.view_case(agent, case_id)
    assert after["description"] == before["description"] and after["revision"] == before["revision"]
    with pytest.raises(auth.SignInFailed):
        auth.sign_in(world.url, "1" * 500, "whatever-pass")


def test_cli_user_commands(sqlite_world, capsys, monkeypatch):
    import io

    from seat_app.cli import main

    monkeypatch.setattr("sys.stdin", io.StringIO("Cli-pass-123\n"))
    assert main(["--lang", "en", "user", "add", "--work-no", "3003", "--name", "孙'; DROP TABLE users;--",
                 "--role", "trainer", "--password-stdin"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("Cli-pass-123\n"))
    assert main(["user", "add", "--work-no", "3004", "--name", "名" * 41, "--role", "agent",
                 "--password-stdin"]) == 2
    assert "姓名过长" in capsys.readouterr().err
    assert main(["user", "list", "--json"]) == 0
    listed = {u["work_no"]: u for u in json.loads(capsys.readouterr().out)}
    assert listed["3003"]["name"] == "孙'; DROP TABLE users;--" and "3004" not in listed
    assert all("password" not in json.dumps(u) for u in listed.values())
    s = auth.sign_in(sqlite_world.url, "3003", "Cli-pass-123")
    sqlite_world.sessions.append(s)
    assert s.role is Role.TRAINER
    assert main(["user", "disable", "--work-no", "3003"]) == 0
    with pytest.raises(auth.SignInFailed):
        auth.sign_in(sqlite_world.url, "3003", "Cli-pass-123")
    assert main(["user", "disable", "--work-no", "nobody"]) == 1


def test_production_hash_parameters_and_no_plain_password_in_users(sqlite_world):
    from argon2 import PasswordHasher

    previous = auth.use_hasher(PasswordHasher())
    try:
        auth.add_user(sqlite_world.engine, "4343", "新人", Role.AGENT, "Production-pw-1")
    finally:
        auth.use_hasher(previous)
    with sqlite_world.engine.connect() as conn:
        stored = conn.execute(
            text("SELECT password_hash FROM users WHERE work_number = '4343'")
        ).scalar()
        dump = "\n".join(str(r) for r in conn.execute(text("SELECT * FROM users")))
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert "Production-pw-1" not in dump
    assert auth.verify_password(stored, "Production-pw-1")
    assert not auth.verify_password(stored, "Production-pw-2")


def test_an_admin_edit_of_an_unknown_or_system_field_is_refused_and_changes_nothing(sqlite_world):
    """The KB and unit edits use the ORM's tables: a field that is not a column (or is the
    row's own bookkeeping) is refused by name, before anything is written."""
    world = sqlite_world
    admin = world.sign_in(Role.ADMIN)
    with world.engine.connect() as conn:
        before = conn.execute(text("SELECT revision, answer FROM kb_entries WHERE code = :c"),
                              {"c": world.kb_code}).one()
    for field in ("no_such_column", "revision", "changed_by"):
        with pytest.raises(InputRefused) as refused:
            audit.edit_kb_entry(admin, world.kb_code, {field: "x"})
        assert refused.value.field == field and field in refused.value.zh
    with pytest.raises(InputRefused):
        audit.edit_unit(admin, world.unit_code, {"no_such_column": "x"})
    with world.engine.connect() as conn:
        assert conn.execute(text("SELECT revision, answer FROM kb_entries WHERE code = :c"),
                            {"c": world.kb_code}).one() == before
