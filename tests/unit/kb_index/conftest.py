"""Shared helpers of the kb_index tests: a small deterministic KB generator (independent
of the demo generator, so these tests exercise the engine, not the demo data)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from seat_app.domain.taxonomy import AREAS, MATTERS

KINDS = ("办事指南", "政策解答", "单位职责", "常见问题", "热点通知")
TITLE_FORMS = (
    "{area}{matter}办理指南",
    "{area}关于{matter}的政策解答",
    "{matter}常见问题（{area}）",
    "{area}{unit}{matter}职责说明",
    "如何反映{matter}问题（{area}）",
)
ANSWERS = (
    "您好，关于{matter}，{area}由{unit}负责受理。您可以拨打{phone}咨询，或到{place}现场办理。",
    "您反映的{matter}问题，属于{subcategory}范围，我们将转{unit}处理，一般{days}个工作日内答复。",
    "{area}{matter}：请携带本人身份证件，工作日到{place}办理，办理时限{days}个工作日。",
)


def make_entries(count: int = 300, seed: int = 7) -> Iterator[dict]:
    rng = random.Random(seed)
    for i in range(count):
        m = MATTERS[i % len(MATTERS)]
        area = AREAS[rng.randrange(len(AREAS))]
        unit = f"{'运城市' if area == '市直' else area}{(m.unit_types or ('热线',))[0]}部门"
        values = {
            "area": area, "matter": m.name, "unit": unit, "subcategory": m.subcategory,
            "phone": f"0359-{rng.randrange(1000000, 9999999)}", "place": f"{area}政务服务中心",
            "days": rng.choice((3, 5, 7, 15)),
        }
        yield {
            "id": f"id-{i:06d}",
            "code": f"KB-T-{i:05d}",
            "kind": KINDS[i % len(KINDS)],
            "title": rng.choice(TITLE_FORMS).format(**values),
            "domain": m.domain,
            "subcategory": m.subcategory,
            "matter": m.name,
            "area": area,
            "unit": unit,
            "answer": rng.choice(ANSWERS).format(**values),
            "procedure": "受理、核实、转办、答复。",
            "materials": "身份证件" if i % 3 else "",
            "place": values["place"],
            "hours": "周一至周五 9:00-17:00",
            "fees": "免费",
            "time_limit": f"{values['days']}个工作日",
            "phone": values["phone"],
            "keywords": f"{m.name}、{m.subcategory}",
            "valid_from": None,
            "valid_to": None,
            "status": "已发布",
            "version": 1,
        }


@pytest.fixture(scope="session")
def kb_entries() -> list[dict]:
    return list(make_entries(400))


@pytest.fixture(scope="session")
def built_index(tmp_path_factory: pytest.TempPathFactory, kb_entries: list[dict]) -> Path:
    """A read-only index over kb_entries (tests that change an index build their own)."""
    from kb_index import build

    root = tmp_path_factory.mktemp("kbidx") / "kb_index"
    build(root, kb_entries, procs=1)
    return root


def fill_local_kb(home_root: Path, entries: list[dict]) -> None:
    """Put ``entries`` into the seat-local store's KB copy of the home at ``home_root``."""
    from datetime import UTC, datetime

    from seat_app.services.config import open_home
    from seat_app.services.local.store import LocalStore, local_metadata

    table = local_metadata.tables["kb_entries"]
    local = LocalStore.open(open_home(home_root))
    try:
        now = datetime.now(UTC)
        with local.engine.begin() as conn:
            conn.execute(table.insert(), [
                {**e, "revision": 1, "change_seq": i + 1, "changed_by": "test",
                 "changed_at": now, "deleted": False}
                for i, e in enumerate(entries)
            ])
    finally:
        local.close()


@pytest.fixture
def kb_home(seat_home: Path, kb_entries: list[dict]) -> Path:
    """A SEAT_HOME whose seat-local store holds kb_entries (no index yet)."""
    fill_local_kb(seat_home, kb_entries)
    return seat_home
