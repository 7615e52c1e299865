"""Shared helpers of the reliability scenarios (issue 3, "cases that are never lost").

Every scenario runs against a fresh real PostgreSQL database (``central_url``: the
``pg_migrated_url`` fixture of tests/conftest.py: the newest schema) and, where a crash is
involved, against real worker processes (tests/reliability/workers/seat_worker.py) that are
killed with SIGKILL. Tests cannot import each other (``--import-mode=importlib``), so what
they share lives here, behind the ``rel`` fixture.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select, text

from seat_app.services.local.store import LocalStore
from seat_app.services.store import central as central_db
from seat_app.services.store.engine import make_engine
from seat_app.services.store.models import Base

HERE = Path(__file__).resolve().parent
WORKER = HERE / "workers" / "seat_worker.py"
REPO = HERE.parent.parent

CASE = {
    "channel": "电话",
    "caller_phone": "13800001234",
    "caller_name": "张先生",
    "caller_area": "盐湖区",
    "matter": "社会生活噪声",
    "description": "楼下工地夜间施工",
    "handling": "直接办理",
}
"""A valid direct-resolution case form (a save stores the case and 2 events: 受理, 办结)."""

DISPATCH_CASE = {
    **CASE,
    "matter": "停水",
    "description": "小区停水三天",
    "handling": "转派",
    "handling_unit": "市水务局",
}
"""A valid dispatched case (a save stores the case and 2 events: 受理, 转派); its unit is
created centrally by ``rel.add_dispatch_unit`` (central refuses a dispatch to a unit that
does not exist)."""

WATER_UNIT = {"code": "SW-CITY", "name": "市水务局", "area": "市直", "unit_type": "水务"}


class Rel:
    """Helpers for the scenarios (``rel`` fixture)."""

    CASE = CASE
    DISPATCH_CASE = DISPATCH_CASE
    WORKER = WORKER

    # ------------------------------------------------------------------ processes
    @staticmethod
    def worker_cmd(*args: str) -> list[str]:
        return [sys.executable, str(WORKER), *args]

    @staticmethod
    def worker_env() -> dict[str, str]:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(REPO), env.get("PYTHONPATH", "")) if p
        )
        env.setdefault("PYTHONUNBUFFERED", "1")
        return env

    def spawn(self, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
        return subprocess.Popen(
            self.worker_cmd(*args),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**self.worker_env(), **(env or {})},
            cwd=str(REPO),
        )

    def run(self, *args: str, env: dict[str, str] | None = None, timeout: float = 120):
        """Run a worker to its end (or its own death); returns the CompletedProcess."""
        return subprocess.run(
            self.worker_cmd(*args),
            capture_output=True,
            text=True,
            env={**self.worker_env(), **(env or {})},
            cwd=str(REPO),
            timeout=timeout,
        )

    @staticmethod
    def json_lines(stdout: str) -> list[dict[str, Any]]:
        return [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]

    # ------------------------------------------------------------------ network
    @staticmethod
    def closed_port_url() -> str:
        """A PostgreSQL URL to a port on 127.0.0.1 where nothing listens."""
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        return f"postgresql+psycopg://postgres@127.0.0.1:{port}/seat_unreachable"

    # ------------------------------------------------------------------ central
    @staticmethod
    def add_dispatch_unit(engine: Engine) -> None:
        """Create DISPATCH_CASE's handling unit centrally (before the seat's first pull)."""
        central_db.insert_row(engine, "units", WATER_UNIT, actor="test")

    @staticmethod
    def count(engine: Engine, table: str, *where: Any) -> int:
        t = Base.metadata.tables[table]
        with engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(t).where(*where)).scalar_one())

    @staticmethod
    def duplicates(engine: Engine, table: str, column: str) -> int:
        """Rows beyond the first for every value of ``column`` that occurs more than once."""
        with engine.connect() as conn:
            return int(
                conn.execute(
                    text(
                        f"SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM {table} "
                        f"GROUP BY {column} HAVING count(*) > 1) d"
                    )
                ).scalar_one()
            )

    @staticmethod
    def central_rows(engine: Engine, table: str) -> dict[str, dict[str, Any]]:
        t = Base.metadata.tables[table]
        with engine.connect() as conn:
            return {r["id"]: dict(r) for r in conn.execute(select(t)).mappings()}

    @staticmethod
    def local_rows(store: LocalStore, table: str) -> dict[str, dict[str, Any]]:
        return {r["id"]: r for r in store.rows(table, include_deleted=True)}

    @staticmethod
    def read_acks(path: Path) -> list[tuple[str, str, str]]:
        """Complete lines of an ack file: (case id, case number, marker)."""
        if not path.exists():
            return []
        data = path.read_text(encoding="utf-8")
        lines = data.split("\n")[:-1]  # a line without its newline was never acknowledged
        out = []
        for line in lines:
            case_id, number, marker = line.split("\t")
            out.append((case_id, number, marker))
        return out

    @staticmethod
    def report(title: str, **figures: Any) -> None:
        """Print what the scenario did (shown with ``pytest -s`` and in the -rA summary)."""
        parts = ", ".join(f"{k}={v}" for k, v in figures.items())
        print(f"[reliability] {title}: {parts}", flush=True)


@pytest.fixture
def rel() -> Rel:
    return Rel()


@pytest.fixture
def central_url(pg_migrated_url: str) -> str:
    """A fresh PostgreSQL database with the newest central schema (a copy of the session's
    migrated template, see tests/conftest.py)."""
    return pg_migrated_url


@pytest.fixture
def central(central_url: str) -> Iterator[Engine]:
    engine = make_engine(central_url)
    yield engine
    engine.dispose()
