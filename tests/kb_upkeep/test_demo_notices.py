"""The demo's notices (热点通知) are dated from the day of ``demo init``: most are valid
that day, some end within the week, some have ended, a few start later."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from seat_app.demo.kb import generate_entries
from seat_app.domain.kb_upkeep import Validity, validity

pytestmark = pytest.mark.kb_upkeep


@pytest.mark.parametrize("today", [date(2026, 12, 3), date(2031, 6, 15)])
def test_notices_are_dated_around_the_day_of_demo_init(today):
    notices = [e for e in generate_entries(2500, today=today) if e["kind"] == "热点通知"]
    states = Counter(validity(e["valid_from"], e["valid_to"], today) for e in notices)
    assert len(notices) > 150
    assert states[Validity.CURRENT] + states[Validity.EXPIRING] > 0.6 * len(notices)
    for state in (Validity.EXPIRING, Validity.EXPIRED, Validity.PENDING):
        assert 0 < states[state] < 0.25 * len(notices), state
    assert list(generate_entries(200, today=today)) == list(generate_entries(200, today=today))
