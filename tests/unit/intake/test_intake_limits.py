"""Worst input for the intake features: a pasted megabyte is read from its start only, and
side issues (另外/此外 ...) weigh less than the letter's request."""

from __future__ import annotations

import pytest

from seat_app.services.intake.features import (
    MAX_TEXT_CHARS,
    SIDE_FACTOR,
    tokens,
    weighted_tokens,
)

pytestmark = pytest.mark.intake


def test_a_pasted_megabyte_is_read_from_its_start_only():
    head = "烟囱冒黑烟气味刺鼻。" * 50
    text = head + "路灯不亮" * 250_000
    assert len(text) > 100 * MAX_TEXT_CHARS
    assert tokens(text) == tokens(text[:MAX_TEXT_CHARS])
    assert weighted_tokens(text) == weighted_tokens(text[:MAX_TEXT_CHARS])


def test_side_issue_sentences_weigh_less():
    w = weighted_tokens("小区自来水发黄浑浊。另外，门口的路灯也坏了。")
    assert w["自来水"] == 2.0  # the first sentence is read as the subject: it counts twice
    assert w["路灯"] == pytest.approx(SIDE_FACTOR)
    plain = weighted_tokens("小区自来水发黄浑浊。门口的路灯也坏了。")
    assert plain["路灯"] == 1.0
