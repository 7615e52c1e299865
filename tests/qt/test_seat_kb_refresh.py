"""A knowledge entry published centrally reaches the running seat's search: the sync loop
pulls KB changes into the local copy and updates the index incrementally."""

from __future__ import annotations

from seat_app.qt.wiring import SyncAdapter, build_services
from seat_app.services.store.central import insert_row
from seat_app.services.store.engine import make_engine


def test_an_entry_published_centrally_is_found_after_the_next_sync(demo_home) -> None:
    services, closers = build_services(demo_home, demo=False)
    central = make_engine(demo_home.central_url)
    try:
        assert isinstance(services.sync, SyncAdapter)
        services.sync.kb_every_s = 0.0
        query = "琥珀巷路灯"
        assert not any("琥珀巷" in h["title"] for h in services.search(query, None, 10))
        entry = {"code": "KB-NEW-0001", "kind": "热点通知", "title": "琥珀巷路灯线路改造期间夜间照明安排",
                 "domain": "城乡建设", "subcategory": "市政设施", "matter": "路灯不亮",
                 "area": "盐湖区", "unit": "盐湖区城市管理局",
                 "answer": "琥珀巷路灯线路改造期间，每晚设置临时照明，预计两周完工。",
                 "keywords": "琥珀巷路灯不亮、琥珀巷晚上黑"}
        assert insert_row(central, "kb_entries", entry, actor="9001")["status"] == "applied"
        state = services.sync.sync_once()
        assert state["state"] in ("synced", "pending"), state
        assert services.sync.kb_received == 1
        hits = services.search(query, "盐湖区", 5)
        assert hits and hits[0]["code"] == "KB-NEW-0001", [h["code"] for h in hits]
    finally:
        central.dispose()
        for close in closers:
            close()
