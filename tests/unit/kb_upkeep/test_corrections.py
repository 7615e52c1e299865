"""Agents' corrections: the form's rules, closing with what was done, the inbox."""

from __future__ import annotations

from datetime import timedelta

import pytest

from seat_app.domain import kb_upkeep as ku

from .conftest import NOW

pytestmark = pytest.mark.kb_upkeep


def test_form_rules():
    c = ku.new_correction("KB-1", 3, "outdated", "", "1001", "S01", NOW, correction_id="c1")
    assert (c.kind, c.state, c.entry_version, c.comment) == (
        ku.CorrectionKind.OUTDATED, ku.CorrectionState.OPEN, 3, "")
    for kind, comment in (("wrong", "  "), ("nonsense", "x"), ("wrong_unit", "a\x07b"),
                          ("missing", "长" * 501)):
        with pytest.raises(ku.CorrectionRefused) as err:
            ku.new_correction("KB-1", 3, kind, comment, "1001", "S01", NOW)
        assert err.value.zh and err.value.en
    with pytest.raises(ku.CorrectionRefused):
        ku.new_correction("", 3, "wrong", "x", "1001", "S01", NOW)


def test_close_tells_the_agent():
    c = ku.new_correction("KB-1", 3, "wrong_unit", "应转水务局", "1001", "S01", NOW,
                          correction_id="c1")
    closed, notice = ku.close(c, "2002", "fixed", "", NOW, fixed_in=4)
    assert (closed.state, closed.outcome, closed.fixed_in, closed.closed_by) == (
        ku.CorrectionState.CLOSED, ku.Outcome.FIXED, 4, "2002")
    assert notice.agent == "1001" and notice.correction_id == "c1"
    assert notice.zh == "您对知识条目 KB-1 的纠错（承办单位有误）已处理：已修改（第 4 版）"
    assert "version 4" in notice.en
    with pytest.raises(ku.CorrectionRefused):
        ku.close(closed, "2002", "no_change", "再次关闭", NOW)
    with pytest.raises(ku.CorrectionRefused):
        ku.close(c, "2002", "fixed", "", NOW)  # fixed needs the version
    with pytest.raises(ku.CorrectionRefused):
        ku.close(c, "2002", "no_change", "", NOW)  # no change needs a note
    _, notice = ku.close(c, "2002", "no_change", "核实后口径正确", NOW)
    assert notice.zh.endswith("经核实无需修改。核实后口径正确")


def test_inbox_groups_open_corrections_by_entry():
    def make(code, kind, minutes):
        return ku.new_correction(code, 1, kind, "说明", "1001", "S01",
                                 NOW + timedelta(minutes=minutes))
    items = [make("KB-2", "wrong", 5), make("KB-1", "wrong", 1), make("KB-1", "outdated", 2),
             make("KB-3", "missing", 0), make("KB-2", "wrong", 9)]
    closed, _ = ku.close(make("KB-3", "wrong", 3), "2002", "duplicate", "同上", NOW)
    rows = ku.inbox([*items, closed])
    assert [(r.entry_code, r.open) for r in rows] == [("KB-1", 2), ("KB-2", 2), ("KB-3", 1)]
    assert rows[1].by_kind == {ku.CorrectionKind.WRONG: 2}
    assert rows[0].oldest == NOW + timedelta(minutes=1)
