"""A small populated central database for the security tests, on SQLite or PostgreSQL.

Users: agents 1001 (the one under test) and 1002, lead 9001, trainer 8001, unit user 7001
(市水务局), admin 6001. Cases: ``own_closed`` (1001, closed), ``closed_other`` (1002,
closed), ``open_water`` (1002, open, dispatched to 市水务局), ``open_power`` (1002, open,
dispatched to 市供电公司). One KB entry, one unit.

On PostgreSQL the schema is upgraded, ``apply_pg_security`` runs, every user gets a login
role named after the (unique) test database, and those roles are dropped at teardown.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from seat_app.domain.roles import Role
from seat_app.services.security import auth
from seat_app.services.security import pg_roles as pg_security
from seat_app.services.security.auth import SignedIn
from seat_app.services.store.engine import make_engine, upgrade

USERS = {
    Role.AGENT: ("1001", "王话务", ""),
    Role.LEAD: ("9001", "李班长", ""),
    Role.TRAINER: ("8001", "赵培训", ""),
    Role.UNIT: ("7001", "水务联络员", "市水务局"),
    Role.ADMIN: ("6001", "系统管理员", ""),
    Role.INSPECTOR: ("5001", "孙质检", ""),
    Role.KB_EDITOR: ("6101", "周编辑", ""),
}
OTHER_AGENT = ("1002", "钱话务", "")
PHONE = "13812345678"


def password_of(work_no: str) -> str:
    return f"Pw-{work_no}-x'q\"9%"


@dataclass
class World:
    backend: str
    url: str
    engine: Engine
    """The owner's (administrator's) connection."""
    cases: dict[str, str] = field(default_factory=dict)
    kb_code: str = "KB-SEC-1"
    unit_code: str = "U-WATER"
    sessions: list[SignedIn] = field(default_factory=list)

    def sign_in(self, role: Role | str, **kw) -> SignedIn:
        work_no = USERS[Role(role)][0]
        session = auth.sign_in(self.url, work_no, password_of(work_no), **kw)
        self.sessions.append(session)
        return session

    def work_no(self, role: Role | str) -> str:
        return USERS[Role(role)][0]

    def close(self) -> None:
        for s in self.sessions:
            if s._owns_engine:
                s.engine.dispose()
        self.sessions.clear()


def _populate(world: World) -> None:
    from seat_app.services.store.models import Case, KBEntry, Unit

    for role, (work_no, name, unit) in USERS.items():
        auth.add_user(world.engine, work_no, name, role, password_of(work_no), unit=unit)
    auth.add_user(world.engine, OTHER_AGENT[0], OTHER_AGENT[1], Role.AGENT,
                  password_of(OTHER_AGENT[0]))
    specs = {
        "own_closed": ("1001", "已办结", "直接办理", ""),
        "closed_other": ("1002", "已办结", "直接办理", ""),
        "open_water": ("1002", "已转派", "转派", "市水务局"),
        "open_power": ("1002", "已转派", "转派", "市供电公司"),
    }
    with Session(world.engine) as s, s.begin():
        for i, (key, (agent, status, handling, unit)) in enumerate(specs.items(), start=1):
            case = Case(
                case_number=f"20261129-S01-{i:04d}", channel="电话", caller_name="张先生",
                caller_phone=PHONE, caller_address="盐湖区解放路1号", matter="供水",
                description=f"{key}: 停水三天", status=status, handling=handling,
                handling_unit=unit, agent=agent, seat_code="S01",
            )
            s.add(case)
            s.flush()
            world.cases[key] = case.id
        s.add(KBEntry(code=world.kb_code, kind="常见问题", title="停水怎么办", domain="城乡建设",
                      subcategory="供水", matter="供水", area="市直", answer="请拨打供水热线"))
        s.add(Unit(code=world.unit_code, name="市水务局"))


@pytest.fixture(autouse=True)
def _cheap_argon2() -> Iterator[None]:
    """Hashing at production cost takes ~0.1-0.6 s on a busy 2-core machine, and every
    world hashes six passwords; the security tests use argon2's cheapest profile (the
    production parameters are checked in test_production_hash_parameters)."""
    from argon2 import PasswordHasher, profiles

    previous = auth.use_hasher(PasswordHasher.from_parameters(profiles.CHEAPEST))
    yield
    auth.use_hasher(previous)


@pytest.fixture
def sqlite_world(seat_home: Path) -> Iterator[World]:
    url = f"sqlite:///{seat_home / 'central.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine)
    world = World("sqlite", url, engine)
    _populate(world)
    try:
        yield world
    finally:
        world.close()
        engine.dispose()


@pytest.fixture
def pg_world(pg_migrated_url: str) -> Iterator[World]:
    pg_url = pg_migrated_url
    engine = make_engine(pg_url)
    upgrade(engine)
    pg_security.apply_pg_security(engine)
    world = World("pg", pg_url, engine)
    try:
        _populate(world)
        yield world
    finally:
        world.close()
        pg_security.drop_pg_roles(engine)
        engine.dispose()


@pytest.fixture(params=["sqlite", "pg"])
def world(request: pytest.FixtureRequest) -> World:
    return request.getfixturevalue(f"{request.param}_world")


def files_under(*roots: Path) -> list[Path]:
    out: list[Path] = []
    for root in roots:
        if root.exists():
            out.extend(p for p in root.rglob("*") if p.is_file())
    return out


def env_home() -> Path:
    return Path(os.environ["SEAT_HOME"])
