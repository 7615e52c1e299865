"""Shared pieces of the live tests: a fake clock, a central database with the demo grid,
a cheap password hasher for the simulated agents' users."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher

from seat_app.services.dispatch.grid_import import demo_grid_path
from seat_app.services.dispatch.service import import_grid
from seat_app.services.security import users
from seat_app.services.store.engine import make_engine, upgrade

PASSWORD = "seat-demo-12345"


class FakeClock:
    def __init__(self, at: datetime | None = None) -> None:
        self.now = at or datetime(2024, 6, 3, 2, 0, tzinfo=UTC)  # 10:00 local

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kw) -> None:
        self.now += timedelta(**kw)


def central(url: str, *, grid: bool = True):
    engine = make_engine(url)
    upgrade(engine)
    if grid:
        outcome = import_grid(engine, demo_grid_path())
        assert outcome.ok, outcome.errors
    return engine


def cheap_hasher():
    return users.use_hasher(PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))
