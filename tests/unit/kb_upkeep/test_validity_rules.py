"""Validity states, the answer-panel line, the expiring list, and agreement with the
search engine's query-time rule (kb_index.validity)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kb_index import validity as engine
from seat_app.domain import kb_upkeep as ku
from seat_app.domain.kb_upkeep.validity import Validity

pytestmark = pytest.mark.kb_upkeep
START, END = date(2025, 5, 1), date(2025, 7, 30)


@pytest.mark.parametrize(("today", "state"), [
    (date(2025, 4, 30), Validity.PENDING), (START, Validity.CURRENT),
    (END - timedelta(days=8), Validity.CURRENT), (END - timedelta(days=7), Validity.EXPIRING),
    (END, Validity.EXPIRING), (END + timedelta(days=1), Validity.EXPIRED),
])
def test_states(today, state):
    assert ku.validity(START, END, today) is state
    assert ku.searchable(START, END, today) == (state not in (Validity.PENDING, Validity.EXPIRED))
    assert ku.searchable(START, END, today, maintainer=True)


def test_open_bounds():
    assert ku.validity(None, None, START) is Validity.ALWAYS
    assert ku.validity("", END, date(1999, 1, 1)) is Validity.CURRENT
    assert ku.validity(START, None, date(2099, 1, 1)) is Validity.CURRENT
    assert ku.validity_text(None, "", START) == ""


def test_same_rule_as_the_search_engine():
    bounds = [(None, None), (START, None), (None, END), (START, END), ("2025-06-01", "2025-06-01")]
    day = date(2025, 4, 25)
    while day <= date(2025, 8, 5):
        for a, b in bounds:
            assert ku.searchable(a, b, day) == engine.is_valid(a, b, day), (a, b, day)
        day += timedelta(days=1)


def test_answer_panel_line():
    assert ku.validity_text(START, END, date(2025, 6, 1)) == "有效期 2025-05-01 至 2025-07-30"
    assert ku.validity_text(START, END, date(2025, 7, 27)) == \
        "有效期 2025-05-01 至 2025-07-30（还剩 3 天）"
    assert ku.validity_text(START, END, END) == "有效期 2025-05-01 至 2025-07-30（今天是最后一天）"
    assert ku.validity_text(START, END, date(2025, 8, 1)) == "已过期：有效期 2025-05-01 至 2025-07-30"
    assert ku.validity_text(START, None, date(2025, 4, 30)) == "尚未生效：2025-05-01 起有效（1 天后生效）"
    assert ku.validity_text(None, END, date(2025, 7, 29), "en") == "valid until 2025-07-30 (1 day left)"


def test_expiring_and_expired_lists():
    today = date(2025, 7, 25)
    entries = [
        {"code": "A", "title": "a", "valid_to": date(2025, 7, 30)},
        {"code": "B", "title": "b", "valid_to": "2025-07-25"},
        {"code": "C", "title": "c", "valid_to": date(2025, 8, 2)},  # 8 days: not yet listed
        {"code": "D", "title": "d", "valid_to": date(2025, 7, 24)},  # expired
        {"code": "E", "title": "e", "valid_from": date(2025, 7, 26), "valid_to": date(2025, 7, 27)},
        {"code": "F", "title": "f"},
    ]
    rows = ku.expiring(entries, today)
    assert [(r.code, r.days_left) for r in rows] == [("B", 0), ("A", 5)]
    assert ku.expired(entries, today) == ["D"]
