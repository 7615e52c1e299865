"""Issue 10, row 10: password guessing is slowed, then stopped; locks hold centrally, are
audited, and a lead or admin lifts them. On the embedded SQLite and on PostgreSQL (real
logins), the sign-in dialog's service and the lock screen's check alike."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from seat_app.domain.roles import Role
from seat_app.services.security import auth
from seat_app.services.security import pg_roles as pg_security
from seat_app.services.security.audit import AUDIT, SIGN_IN_FAILED, SIGN_IN_LOCKED, SIGN_IN_UNLOCK
from seat_app.services.store.engine import make_engine

from .conftest import USERS, password_of

pytestmark = [pytest.mark.security, pytest.mark.integrity]

AGENT = USERS[Role.AGENT][0]
ATTACKER_SEAT = "host:attacker-pc"


class Clock:
    """An injected clock: the guard's waits and locks pass without sleeping."""

    def __init__(self) -> None:
        self.now = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kw) -> None:
        self.now += timedelta(**kw)


@pytest.fixture
def clock():
    c = Clock()
    previous = auth.use_clock(c)
    yield c
    auth.use_clock(previous)


def _audit(engine, action: str, entity_id: str | None = None) -> list:
    with engine.connect() as conn:
        query = sa.select(AUDIT).where(AUDIT.c.action == action)
        if entity_id is not None:
            query = query.where(AUDIT.c.entity_id == entity_id)
        return list(conn.execute(query))


def _guess(url: str, clock, work_no: str, tries: int, *, seat: str = ATTACKER_SEAT) -> list[str]:
    """``tries`` wrong passwords, two seconds apart; the kind of each refusal."""
    kinds = []
    for i in range(tries):
        with pytest.raises(auth.SignInFailed) as err:
            auth.sign_in(url, work_no, f"Wrong-guess-{i:03d}", seat=seat)
        kinds.append(type(err.value).__name__)
        clock.advance(seconds=2)
    return kinds


def test_thirty_wrong_passwords_then_the_right_one_is_refused_until_a_lead_unlocks(
    world, clock
):
    kinds = _guess(world.url, clock, AGENT, 30)
    # wrong passwords are counted until the 10th locks; in between, tries come too fast
    assert kinds.count("SignInFailed") == 9 and kinds[-1] == "SignInLocked", kinds
    assert "SignInThrottled" in kinds
    with pytest.raises(auth.SignInLocked) as err:
        auth.sign_in(world.url, AGENT, password_of(AGENT), seat=ATTACKER_SEAT)
    assert "已临时锁定" in err.value.zh and "locked" in err.value.en
    # the lock is central: another seat (a restart, another workstation) is refused too
    with pytest.raises(auth.SignInLocked):
        auth.sign_in(world.url, AGENT, password_of(AGENT), seat="host:other-pc")

    assert len(_audit(world.engine, SIGN_IN_FAILED, AGENT)) == 10
    locks = _audit(world.engine, SIGN_IN_LOCKED, AGENT)
    assert len(locks) == 1 and json.loads(locks[0].detail)["failures"] == 10
    assert "Wrong-guess" not in json.dumps([r.detail for r in _audit(world.engine,
                                                                       SIGN_IN_FAILED)])

    # an agent may not unlock; a lead may (on PostgreSQL with the lead's own login)
    other = auth.sign_in(world.url, "1002", password_of("1002"), seat="host:pc-2")
    world.sessions.append(other)
    with pytest.raises(auth.Denied):
        auth.unlock(world.engine, work_no=AGENT, by=other)
    lead = world.sign_in(Role.LEAD, seat="host:lead-pc")
    assert auth.unlock(world.engine, work_no=AGENT, by=lead) is True
    unlocks = _audit(world.engine, SIGN_IN_UNLOCK, AGENT)
    assert len(unlocks) == 1 and unlocks[0].work_no == lead.work_no

    session = auth.sign_in(world.url, AGENT, password_of(AGENT), seat=ATTACKER_SEAT)
    world.sessions.append(session)
    assert session.work_no == AGENT
    assert auth.guard_state(world.engine, work_no=AGENT)["failures"] == 0


def test_backoff_waits_grow_then_the_lock_expires(sqlite_world, clock):
    world = sqlite_world
    for i in range(5):
        with pytest.raises(auth.SignInFailed) as err:
            auth.sign_in(world.url, AGENT, f"Wrong-{i}", seat="s1")
        assert type(err.value) is auth.SignInFailed  # no wait before the 5th failure
    waits = []
    for i in range(4):  # failures 6..9: each must wait 1, 2, 4, 8 s after the previous
        with pytest.raises(auth.SignInThrottled) as err:
            auth.sign_in(world.url, AGENT, password_of(AGENT), seat="s1")
        waits.append(err.value.seconds)
        clock.advance(seconds=err.value.seconds)
        with pytest.raises(auth.SignInFailed):
            auth.sign_in(world.url, AGENT, f"Wrong-late-{i}", seat="s1")
    assert waits == [1, 2, 4, 8]
    clock.advance(seconds=16)
    with pytest.raises(auth.SignInLocked) as err:  # the 10th wrong password locks
        auth.sign_in(world.url, AGENT, "Wrong-tenth", seat="s1")
    assert err.value.minutes == 15
    clock.advance(minutes=14)
    with pytest.raises(auth.SignInLocked):
        auth.sign_in(world.url, AGENT, password_of(AGENT), seat="s2")
    clock.advance(minutes=1, seconds=1)
    session = auth.sign_in(world.url, AGENT, password_of(AGENT), seat="s2")
    world.sessions.append(session)


def test_unknown_work_numbers_are_locked_the_same_way(world, clock):
    """A lock tells nothing about whether a work number exists: the same messages, the
    same count, for 5555 (nobody) and 1001 (an agent)."""
    known = _guess(world.url, clock, AGENT, 12, seat="host:a")
    unknown = _guess(world.url, clock, "5555", 12, seat="host:b")
    assert known == unknown
    with pytest.raises(auth.SignInFailed) as a:
        auth.sign_in(world.url, "1002", "Wrong-once-1", seat="host:c")
    with pytest.raises(auth.SignInFailed) as b:
        auth.sign_in(world.url, "5556", "Wrong-once-1", seat="host:c")
    assert (a.value.zh, a.value.en) == (b.value.zh, b.value.en) == (auth.FAILED_ZH,
                                                                      auth.FAILED_EN)


def test_one_seat_trying_many_work_numbers_is_locked(sqlite_world, clock):
    world = sqlite_world
    counted, locked = 0, None
    for i in range(60):  # a new work number each time, waiting whatever the seat must wait
        try:
            auth.sign_in(world.url, f"{3000 + i}", "Wrong-spray-1", seat="host:spray")
        except auth.SignInThrottled as exc:
            clock.advance(seconds=exc.seconds)
        except auth.SignInLocked as exc:
            locked = exc
            break
        except auth.SignInFailed:
            counted += 1
    assert locked is not None and locked.seat and counted == 19
    with pytest.raises(auth.SignInLocked) as err:
        auth.sign_in(world.url, AGENT, password_of(AGENT), seat="host:spray")
    assert err.value.seat and "本座席" in err.value.zh
    session = auth.sign_in(world.url, AGENT, password_of(AGENT), seat="host:elsewhere")
    world.sessions.append(session)
    assert auth.unlock(world.engine, seat="host:spray")
    world.sessions.append(auth.sign_in(world.url, AGENT, password_of(AGENT),
                                       seat="host:spray"))


def test_lock_screen_goes_through_the_same_guard(world, clock):
    session = world.sign_in(Role.AGENT, seat="host:pc-1")
    results = []
    for i in range(30):
        try:
            results.append(session.check_password(f"Wrong-unlock-{i}"))
        except auth.SignInFailed as exc:
            results.append(type(exc).__name__)
        clock.advance(seconds=2)
    assert results.count(False) == 9 and "SignInLocked" in results, results
    with pytest.raises(auth.SignInLocked):
        session.check_password(password_of(AGENT))
    # the same count as the sign-in dialog: signing in again is refused as well
    with pytest.raises(auth.SignInLocked):
        auth.sign_in(world.url, AGENT, password_of(AGENT), seat="host:pc-9")
    assert auth.unlock(world.engine, work_no=AGENT)
    assert session.check_password(password_of(AGENT)) is True


def test_cli_user_unlock(sqlite_world, clock, capsys):
    from seat_app.cli import main

    _guess(sqlite_world.url, clock, AGENT, 30)
    assert auth.guard_state(sqlite_world.engine, work_no=AGENT)["locked_until"] is not None
    assert main(["--lang", "en", "user", "--url", sqlite_world.url, "unlock", "--work-no",
                 AGENT]) == 0
    assert "cleared" in capsys.readouterr().out
    assert auth.guard_state(sqlite_world.engine, work_no=AGENT)["failures"] == 0
    assert len(_audit(sqlite_world.engine, SIGN_IN_UNLOCK, AGENT)) == 1
    with pytest.raises(SystemExit) as exit_:  # argparse: a work number or a seat is needed
        main(["user", "--url", sqlite_world.url, "unlock"])
    assert exit_.value.code == 2
    assert "--work-no" in capsys.readouterr().err


def test_postgres_guard_through_a_service_account_that_reads_nothing_else(pg_world, clock):
    """On PostgreSQL a wrong password means no connection as the user, so the guard is kept
    through the seat's configured login: a plain account in the gate group suffices, and
    that account can read no case and no user."""
    world = pg_world
    prefix = pg_security.prefix_of(world.engine)
    service = f"{prefix}_svc"
    with world.engine.begin() as conn:
        conn.execute(sa.text(f'CREATE ROLE "{service}" LOGIN'))
    from seat_app.cli import main

    assert main(["user", "--url", world.url, "secure", "--service-account", service]) == 0
    assert main(["user", "--url", world.url, "secure", "--service-account", "nobody_x"]) == 1
    url = sa.engine.make_url(world.url).set(username=service).render_as_string(
        hide_password=False)
    try:
        kinds = _guess(url, clock, AGENT, 30)
        assert kinds[-1] == "SignInLocked" and kinds.count("SignInFailed") == 9
        with pytest.raises(auth.SignInLocked):
            auth.sign_in(url, AGENT, password_of(AGENT), seat=ATTACKER_SEAT)
        svc = make_engine(url)
        try:
            for table in ("cases", "users", "kb_entries", "audit_log"):
                with pytest.raises(sa.exc.ProgrammingError), svc.connect() as conn:
                    conn.execute(sa.text(f"SELECT count(*) FROM {table}"))
        finally:
            svc.dispose()
        auth.unlock(world.engine, work_no=AGENT)
        session = auth.sign_in(url, AGENT, password_of(AGENT), seat=ATTACKER_SEAT)
        world.sessions.append(session)
        assert session.work_no == AGENT
    finally:
        world.close()
        with world.engine.begin() as conn:
            conn.execute(sa.text(f'DROP OWNED BY "{service}"'))
            conn.execute(sa.text(f'DROP ROLE "{service}"'))


def test_failures_and_locks_are_logged_to_the_data_folder_without_secrets(
    sqlite_world, clock, seat_home
):
    from seat_app.services.logs import close_logging, setup_logging

    log_file = setup_logging(seat_home)
    try:
        _guess(sqlite_world.url, clock, AGENT, 30)
        with pytest.raises(auth.SignInLocked):
            auth.sign_in(sqlite_world.url, AGENT, password_of(AGENT), seat=ATTACKER_SEAT)
        auth.unlock(sqlite_world.engine, work_no=AGENT)
    finally:
        close_logging(log_file)
    text = log_file.read_text(encoding="utf-8")
    assert text.count("[sign-in-failed] work number 1001") == 10
    assert "[sign-in-locked]" in text and "[sign-in-unlocked]" in text
    assert "Wrong-guess" not in text and password_of(AGENT) not in text


HOSTILE = [
    ("1001", "bad\ud800surrogate"), ("10\ud80001", "Whatever-pass-1"),
    ("1001", "nul\x00inside-pass"), ("1" * 500, "Whatever-pass-1"), ("", ""),
]


def test_hostile_credentials_are_a_plain_failure(world, clock):
    """Lone surrogates, NUL, absurd lengths: the same message and a counted failure, never a
    UnicodeEncodeError or a database error."""
    for n, (work_no, password) in enumerate(HOSTILE, start=1):
        with pytest.raises(auth.SignInFailed) as err:
            auth.sign_in(world.url, work_no, password, seat="host:hostile")
        assert type(err.value) is auth.SignInFailed and err.value.zh == auth.FAILED_ZH
        assert auth.guard_state(world.engine, seat="host:hostile")["failures"] == n


def test_rows_that_no_longer_count_are_removed(sqlite_world, clock):
    for i in range(5):
        with pytest.raises(auth.SignInFailed):
            auth.sign_in(sqlite_world.url, f"{4000 + i}", "Wrong-old-pass", seat=f"host:{i}")
    clock.advance(minutes=16)
    with pytest.raises(auth.SignInFailed):
        auth.sign_in(sqlite_world.url, "4999", "Wrong-new-pass", seat="host:new")
    with sqlite_world.engine.connect() as conn:
        keys = {tuple(r) for r in conn.execute(sa.text("SELECT scope, key FROM sign_in_guard"))}
    assert keys == {("user", "4999"), ("seat", "host:new")}
