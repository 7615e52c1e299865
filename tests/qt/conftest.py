"""Qt tests run offscreen; helpers to build a seat window on injected or real services."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt loads

import threading
from collections import deque
from typing import Any

import pytest


class ListQueue:
    """A queue port over a list the test fills (the real queue has its own tests)."""

    def __init__(self) -> None:
        self.items: deque[dict[str, Any]] = deque()
        self.completed: list[tuple[dict, str | None]] = []

    def push(self, **item: Any) -> None:
        self.items.append(item)

    def next_item(self) -> dict[str, Any] | None:
        return self.items.popleft() if self.items else None

    def renew_item(self, item: dict[str, Any]) -> None:
        return None

    def complete_item(self, item: dict[str, Any], case_id: str | None) -> None:
        self.completed.append((item, case_id))


class SwitchableSync:
    """Sync port whose central side can be made to fail (like a dead network)."""

    def __init__(self) -> None:
        self.fail_with: Exception | None = None
        self.pending = 0
        self.calls = 0

    def sync_state(self) -> dict[str, Any]:
        return {"state": "pending" if self.pending else "synced", "pending": self.pending, "error": None}

    def sync_once(self) -> dict[str, Any]:
        self.calls += 1
        if self.fail_with is not None:
            raise self.fail_with
        self.pending = 0
        return self.sync_state()


class RecordingSearch:
    """A search function that records its calls, optionally slow (thread-safe)."""

    def __init__(self, delay_s: float = 0.0) -> None:
        self.queries: list[str] = []
        self.delay_s = delay_s
        self.lock = threading.Lock()

    def __call__(self, query: str, area: str | None, limit: int) -> list[dict[str, Any]]:
        import time

        with self.lock:
            self.queries.append(query)
        if self.delay_s:
            time.sleep(self.delay_s)
        return [
            {
                "id": f"e-{query}",
                "code": "KB-T-0001",
                "title": f"关于{query}的答复",
                "matter": "公积金提取",
                "area": area or "市直",
                "unit": "市住房公积金管理中心",
                "snippet": f"<b class=\"match term0\">{query}</b> 可以办理",
                "answer": f"您好，{query}的答复口径。",
            }
        ]


@pytest.fixture
def list_queue() -> ListQueue:
    return ListQueue()


@pytest.fixture
def switchable_sync() -> SwitchableSync:
    return SwitchableSync()


@pytest.fixture
def local_store(seat_home):
    from seat_app.services.config import open_home
    from seat_app.services.local.store import LocalStore

    store = LocalStore.open(open_home(seat_home))
    yield store
    store.close()


@pytest.fixture
def make_window(qtbot, seat_home, local_store, list_queue, switchable_sync):
    """make_window(search=..., history=..., sync=..., inline=True) -> a started SeatWindow.

    Drafts and cases are the real seat-local store and case service; search, the queue and
    the sync port are injected so a test can steer them.
    """
    from seat_app.qt.ports import SeatServices
    from seat_app.qt.seat.window import SeatWindow
    from seat_app.qt.wiring import LocalDrafts
    from seat_app.qt.workers import InlineRunner, SeatRunners, ThreadRunner
    from seat_app.services.cases.service import CaseService
    from seat_app.services.config import open_home

    made = []

    def make(*, search=None, history=None, sync=None, cases=None, inline=True, start=True, **kw):
        services = SeatServices(
            search=search or RecordingSearch(),
            history=history or (lambda phone: []),
            drafts=LocalDrafts(local_store),
            cases=cases or CaseService.for_seat(open_home(seat_home), local_store),
            sync=sync or switchable_sync,
            queue=list_queue,
            entry=lambda _id: None,
            work_no="1001",
            area="盐湖区",
        )
        runner = InlineRunner() if inline else ThreadRunner(1)
        search_runner = InlineRunner() if inline else ThreadRunner(1)
        window = SeatWindow(
            services,
            runners=SeatRunners(local=runner, central=runner, search=search_runner,
                                sync=kw.pop("sync_runner", runner)),
            queue_poll_ms=20,
            search_delay_ms=kw.pop("search_delay_ms", 10),
            **kw,
        )
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=2000)
        if start:
            window.start()
        made.append((window, runner, search_runner))
        return window

    yield make
    for window, runner, search_runner in made:
        window.close()
        runner.wait(3000)
        search_runner.wait(3000)


DEMO_ENTRIES = 400


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory):
    """One small demo home (central SQLite, local store, real index), built once per session."""
    from seat_app.demo.home import init_demo
    from seat_app.services.config import open_home

    root = tmp_path_factory.mktemp("demo-template")
    init_demo(open_home(root), entries=DEMO_ENTRIES)
    return root


@pytest.fixture
def demo_home(_demo_template, tmp_path):
    """A private copy of the small demo home for one test."""
    import shutil

    from seat_app.services.config import open_home

    root = tmp_path / "demo-home"
    shutil.copytree(_demo_template, root)
    os.environ["SEAT_HOME"] = str(root)
    return open_home(root)


@pytest.fixture(scope="session")
def grid_central_template(tmp_path_factory):
    """A migrated SQLite central file with the demo grid, made once and copied per test."""
    from seat_app.services.dispatch.grid_import import demo_grid_path
    from seat_app.services.dispatch.service import import_grid
    from seat_app.services.store.engine import make_engine, upgrade

    path = tmp_path_factory.mktemp("central-grid") / "template.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    assert import_grid(engine, demo_grid_path()).ok
    engine.dispose()
    return path


@pytest.fixture
def service(tmp_path, grid_central_template):
    """The real DispatchService on a private copy of the grid template."""
    import shutil

    from seat_app.services.dispatch.service import DispatchService
    from seat_app.services.store.engine import make_engine

    shutil.copy(grid_central_template, tmp_path / "central.sqlite3")
    engine = make_engine(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    yield DispatchService(engine)
    engine.dispose()
