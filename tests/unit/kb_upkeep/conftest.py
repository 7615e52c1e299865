"""Shared data of the kb_upkeep tests."""

from __future__ import annotations

from datetime import date, datetime

import pytest

NOW = datetime(2025, 5, 1, 9, 0)


def entry(code: str = "KB-T-1", **over) -> dict:
    values = {
        "code": code, "kind": "热点通知", "title": "盐湖区5月停水通知", "matter": "停水",
        "area": "盐湖区", "unit": "盐湖区供水公司", "answer": "5月1日至7月30日分区停水检修。",
        "keywords": "停水，没水了、没水了", "valid_from": date(2025, 5, 1),
        "valid_to": date(2025, 7, 30), "status": "已发布",
    }
    values.update(over)
    return values


@pytest.fixture()
def values() -> dict:
    return entry()
