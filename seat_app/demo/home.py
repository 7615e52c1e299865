"""The embedded default with demo data: one machine, no server.

``init_demo`` creates, in the home folder: the central SQLite database (schema by
migrations) with the demo knowledge base, the seat-local store with its KB copy, and the
Whoosh index built from that copy. The central database also gets the demo grid (units and
townships, resources/grid/demo-grid.json) and one demo user per role (``DEMO_USERS``), all
with the password ``DEMO_PASSWORD`` (hashed with argon2 like any other password).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from seat_app.demo.kb import generate_entries
from seat_app.demo.plan import YUNCHENG_2024
from seat_app.domain.roles import Role
from seat_app.domain.taxonomy import MATTERS
from seat_app.services import dispatch, kb, live, local, security, store, sync, training
from seat_app.services.config import SeatHome

Progress = Callable[[str, int, int], None]


DEMO_PASSWORD = "seat-demo-12345"
"""The password of every demo user (printed by ``seat-admin demo init``, shown in the README
and as a hint in ``seat-app --demo``'s sign-in dialog). Demo data only."""

DEMO_AGENT = "1001"
"""The demo agent's work number (prefilled in ``seat-app --demo``)."""

DEMO_UNIT = "盐湖区城市管理局"
"""The handling unit of the demo unit user (code YHQ-CG in the demo grid)."""

DEMO_USERS: tuple[dict[str, str], ...] = (
    {"work_no": "1001", "name": "张敏", "role": "agent", "team": "一班"},
    {"work_no": "1002", "name": "李娜", "role": "agent", "team": "一班"},
    {"work_no": "2001", "name": "王强", "role": "lead", "team": "一班"},
    {"work_no": "3001", "name": "赵静", "role": "trainer"},
    {"work_no": "4001", "name": "刘洋", "role": "unit", "unit": DEMO_UNIT},
    {"work_no": "5001", "name": "孙丽", "role": "inspector"},
    {"work_no": "6001", "name": "周洁", "role": "kb_editor"},
    {"work_no": "9001", "name": "陈刚", "role": "admin"},
)
"""One demo user per role (work number, name, role, team, unit)."""


def add_demo_users(engine, progress: Progress | None = None) -> list[str]:
    """Create the demo users that do not exist yet; returns their work numbers."""
    progress = progress or _no_progress
    existing = {u.work_no for u in security.list_users(engine)}
    made: list[str] = []
    for i, user in enumerate(DEMO_USERS, 1):
        if user["work_no"] not in existing:
            security.add_user(
                engine,
                user["work_no"],
                user["name"],
                user["role"],
                DEMO_PASSWORD,
                unit=user.get("unit", ""),
                team=user.get("team", ""),
                actor="demo",
                allow_demo_password=True,
            )  # a demo home: the published password
            made.append(user["work_no"])
        progress("users", i, len(DEMO_USERS))
    return made


def ensure_demo_users(home: SeatHome) -> list[str]:
    """A demo home made before demo users existed gets them (embedded SQLite only, and only
    when the central database has no user at all); returns the work numbers added."""
    if not home.central_url.startswith("sqlite") or not home.central_db_path.exists():
        return []
    engine = store.make_engine(home.central_url)
    try:
        if security.list_users(engine):
            return []
        return add_demo_users(engine)
    finally:
        engine.dispose()


def demo_users_text() -> str:
    """One line naming the demo users by role, for the end of ``demo init``."""
    parts = []
    for user in DEMO_USERS:
        role = Role(user["role"])
        unit = f"（{user['unit']}）" if user.get("unit") else ""
        parts.append(f"{user['work_no']} {user['name']} {role.label_zh}/{role.value}{unit}")
    return "; ".join(parts)


class DemoExists(Exception):
    """The home already holds demo data (use force to regenerate)."""


def _no_progress(stage: str, done: int, total: int) -> None:
    pass


def init_demo(
    home: SeatHome, *, entries: int = 40_000, force: bool = False, progress: Progress | None = None
) -> dict[str, object]:
    progress = progress or _no_progress
    home.ensure()
    if home.central_db_path.exists() and not force:
        raise DemoExists(str(home.root))
    if force:
        for path in (home.central_db_path, home.local_db_path):
            for suffix in ("", "-wal", "-shm"):
                candidate = path.with_name(path.name + suffix)
                if candidate.exists():
                    candidate.unlink()
    started = time.perf_counter()
    engine = store.make_engine(home.central_url)
    try:
        store.upgrade(engine, create=True)  # demo init is an explicit creator
        kb.load_entries(engine, generate_entries(entries), total=entries, progress=progress)
        stats = kb.kb_stats(engine)
        grid = dispatch.import_grid(engine, dispatch.demo_grid_path(), actor="demo")
        add_demo_users(engine, progress)
        training.demo.seed_demo(engine)  # the starter scenario library and an open demo class
    finally:
        engine.dispose()
    local_store = local.LocalStore.open(home)
    try:
        sync.refresh_kb_from_central(local_store, home.central_url, progress=progress)
    finally:
        local_store.close()
    build = kb.build_index(home, progress=progress)
    home.save_settings()
    return {
        **stats,
        "index": build,
        "units": grid.units,
        "seconds": round(time.perf_counter() - started, 1),
        "users": demo_users_text(),
        "password": f"{DEMO_PASSWORD}  (所有演示用户的密码 the password of every demo user)",
    }


# -- the live floor (seat-admin demo live, seat-app --demo --role lead) ------------------------

DEMO_FLOOR_SEATS = 24
"""Seats of the small live floor ``seat-app --demo --role lead`` starts in the background."""


def live_profile(seed: int = 12345):
    """The live floor's behaviour with the seed's proportions: the 2024 published dispatch
    share and phone share, and matters weighted like the demo year's (a long tail)."""
    # lazy: start-up: the demo year (SQLAlchemy writers, case texts) loads only for a live floor
    from seat_app.demo.year import _matter_weights

    weights = _matter_weights(random.Random(seed))
    return live.LiveProfile(
        dispatch_share=YUNCHENG_2024.dispatched / YUNCHENG_2024.accepted,
        online_share=1.0 - YUNCHENG_2024.phone_share,
        matter_weights=tuple((m.name, w) for m, w in zip(MATTERS, weights, strict=True)),
    )


def demo_unit_code(engine) -> str | None:
    """The grid code of the demo unit user's unit (its cases are left to user 4001)."""
    from sqlalchemy import text

    with engine.connect() as conn:
        row = conn.execute(text("SELECT code FROM units WHERE name = :n"), {"n": DEMO_UNIT}).first()
    return None if row is None else str(row[0])


def live_floor(
    home: SeatHome,
    central_url: str,
    *,
    seats: int = DEMO_FLOOR_SEATS,
    speed: float = 30.0,
    seed: int = 12345,
    start=None,
    workers: int | None = None,
):
    """A ``LiveFloor`` on ``central_url`` with the demo's agents (work numbers 7001...,
    the demo password), the seed's proportions and the agents' stores under
    ``<home>/live``; user 4001's unit is left to that user. ``workers``: the agents'
    worker processes (``FloorOptions.workers``; None: the floor chooses)."""
    engine = store.make_engine(central_url)
    try:
        spared = demo_unit_code(engine)
    finally:
        engine.dispose()
    options = live.FloorOptions(
        seats=seats,
        speed=speed,
        seed=seed,
        password=DEMO_PASSWORD,
        folder=home.root / "live",
        start=start,
        profile=live_profile(seed),
        spared_units=frozenset({spared}) if spared else frozenset(),
        workers=workers,
    )
    return live.LiveFloor(central_url, options)


def start_demo_floor(home: SeatHome, *, seats: int = DEMO_FLOOR_SEATS, speed: float = 30.0):
    """Start a small live floor in the background (``seat-app --demo --role lead``); returns
    the floor (``floor.close()`` stops it cleanly: agents finish their step and sign out)."""
    import threading

    floor = live_floor(home, home.central_url, seats=seats, speed=speed)

    def run() -> None:
        import logging

        try:
            floor.prepare()
        except Exception:  # the console works on without the floor; logged
            logging.getLogger("seat.live").exception("the demo's live floor did not start")
            return
        if not floor.stop_event.is_set():
            floor.start()

    threading.Thread(target=run, name="demo-floor", daemon=True).start()
    return floor
