"""Qt tests run offscreen; helpers to build a seat window on injected or real services."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt loads

import threading  # noqa: E402
from collections import deque  # noqa: E402
from datetime import date  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402

from seat_app.domain.taxonomy import matter_by_name  # noqa: E402


class ListQueue:
    """A queue port over a list the test fills (the real queue has its own tests)."""

    def __init__(self) -> None:
        self.items: deque[dict[str, Any]] = deque()
        self.completed: list[tuple[dict, str | None]] = []

    def push(self, **item: Any) -> None:
        self.items.append(item)

    def next_item(self) -> dict[str, Any] | None:
        return self.items.popleft() if self.items else None

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


class NumberingCases:
    """Interim case port: real case numbers from the seat-local store, rows kept in memory.

    Replaced by the real case service once seat_app.services.cases exists.
    """

    def __init__(self, store: Any, seat_code: str = "S01") -> None:
        self.store, self.seat_code = store, seat_code
        self.saved: list[dict[str, Any]] = []

    def save_case(self, data: dict[str, Any]) -> dict[str, Any]:
        with self.store.transaction() as tx:
            number = tx.next_case_number(self.seat_code, date.today())
        self.saved.append({**data, "case_no": number})
        return {"case_no": number}

    def suggest_unit(self, matter: str, area: str) -> dict[str, Any]:
        unit_type = matter_by_name(matter).unit_types[0]
        return {"unit": f"{area}{unit_type}", "deadline_days": 5}


@pytest.fixture
def local_store(seat_home):
    from seat_app.services.config import open_home
    from seat_app.services.local_store import LocalStore

    store = LocalStore.open(open_home(seat_home))
    yield store
    store.close()


@pytest.fixture
def make_window(qtbot, local_store, list_queue, switchable_sync):
    """make_window(search=..., history=..., sync=..., inline=True) -> a started SeatWindow."""
    from seat_app.qt.ports import SeatServices
    from seat_app.qt.seat.window import SeatWindow
    from seat_app.qt.wiring import LocalDrafts
    from seat_app.qt.workers import InlineRunner, ThreadRunner

    made = []

    def make(*, search=None, history=None, sync=None, cases=None, inline=True, start=True, **kw):
        services = SeatServices(
            search=search or RecordingSearch(),
            history=history or (lambda phone: []),
            drafts=LocalDrafts(local_store),
            cases=cases or NumberingCases(local_store),
            sync=sync or switchable_sync,
            queue=list_queue,
            entry=lambda _id: None,
            agent_no="1001",
            area="盐湖区",
        )
        runner = InlineRunner() if inline else ThreadRunner(1)
        search_runner = InlineRunner() if inline else ThreadRunner(1)
        window = SeatWindow(
            services,
            db_runner=runner,
            search_runner=search_runner,
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
