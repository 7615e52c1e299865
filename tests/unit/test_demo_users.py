"""``seat-admin demo init`` makes one demo user per role (hashed passwords), binds the unit
user to a unit of the demo grid, and prints the demo password once at the end."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from argon2 import PasswordHasher

from seat_app.cli import main as seat_admin
from seat_app.demo.home import (
    DEMO_PASSWORD,
    DEMO_UNIT,
    DEMO_USERS,
    add_demo_users,
    ensure_demo_users,
)
from seat_app.domain.roles import Role
from seat_app.services.config import open_home
from seat_app.services.security import auth
from seat_app.services.store.engine import make_engine


@pytest.fixture
def cheap_hashes():
    previous = auth.use_hasher(PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))
    yield
    auth.use_hasher(previous)


def test_demo_init_creates_one_user_per_role_and_prints_the_password(
    cheap_hashes, seat_home, capsys
) -> None:
    code = seat_admin(["demo", "init", "--entries", "60"])
    out = capsys.readouterr().out
    assert code == 0
    assert out.count(DEMO_PASSWORD) == 1  # printed once
    assert out.rstrip().splitlines()[-1].strip().startswith(f"password: {DEMO_PASSWORD}")

    home = open_home(seat_home)
    engine = make_engine(home.central_url)
    try:
        users = {u.work_no: u for u in auth.list_users(engine)}
        assert {u.role for u in users.values()} == {r.value for r in Role}
        assert sorted(users) == sorted(u["work_no"] for u in DEMO_USERS)
        assert [w for w, u in users.items() if u.role == "agent"] == ["1001", "1002"]
        with engine.connect() as conn:
            hashes = dict(conn.execute(sa.text("SELECT work_number, password_hash FROM users")).all())
            unit = conn.execute(
                sa.text("SELECT code, active FROM units WHERE name = :n"), {"n": users["4001"].unit}
            ).one()
        assert users["4001"].unit == DEMO_UNIT and tuple(unit) == ("YHQ-CG", True)
        for work_no, stored in hashes.items():
            assert stored.startswith("$argon2") and DEMO_PASSWORD not in stored, work_no

        # everyone signs in with the demo password, and only with it
        for work_no, user in users.items():
            session = auth.sign_in(home.central_url, work_no, DEMO_PASSWORD, engine=engine)
            assert session.role.value == user.role and session.user.name == user.name
        with pytest.raises(auth.SignInFailed):
            auth.sign_in(home.central_url, "1001", DEMO_PASSWORD + "x", engine=engine)

        # running the step again adds nobody
        assert add_demo_users(engine) == []
        assert len(auth.list_users(engine)) == len(DEMO_USERS)
    finally:
        engine.dispose()
    # the password itself is nowhere in the data folder (databases, settings, index, logs)
    files = [p for p in seat_home.rglob("*") if p.is_file()]
    assert any(p.name == "settings.json" for p in files)
    assert [p for p in files if DEMO_PASSWORD.encode() in p.read_bytes()] == []


def test_an_older_demo_home_gets_the_demo_users_once(cheap_hashes, seat_home) -> None:
    from seat_app.services.store.engine import upgrade

    home = open_home(seat_home)
    home.ensure()
    engine = make_engine(home.central_url)
    try:
        upgrade(engine)
        assert auth.list_users(engine) == []
        assert ensure_demo_users(home) == [u["work_no"] for u in DEMO_USERS]
        assert ensure_demo_users(home) == []  # never twice
        auth.disable_user(engine, "1002")
        assert ensure_demo_users(home) == []  # a home with users is left as it is
        assert not {u.work_no: u for u in auth.list_users(engine)}["1002"].active
    finally:
        engine.dispose()
