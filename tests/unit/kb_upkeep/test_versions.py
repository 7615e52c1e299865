"""The draft -> review -> published flow, versions, diffs and roll back."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from seat_app.domain import kb_upkeep as ku
from seat_app.domain.kb_upkeep.versions import State

from .conftest import NOW, entry

pytestmark = pytest.mark.kb_upkeep
LATER = NOW + timedelta(hours=1)


def published(values: dict) -> ku.History:
    h = ku.create(values["code"], values, "1001", NOW)
    h = ku.submit(h, 1, "1001", NOW)
    return ku.approve(h, 1, "2002", LATER)


def test_create_stores_the_checked_entry(values):
    h = ku.create("KB-T-1", values, "1001", NOW)
    v = h.open
    assert (v.number, v.state, v.author, v.base) == (1, State.DRAFT, "1001", None)
    assert v.fields["domain"] == "公用事业" and v.fields["subcategory"] == "供水"
    assert v.fields["keywords"] == "停水、没水了"
    assert {c.field for c in v.changes} >= {"title", "answer", "valid_to"}
    assert h.published is None


def test_author_cannot_approve_and_a_co_editor_neither(values):
    h = ku.create("KB-T-1", values, "1001", NOW)
    h = ku.edit(h, 1, {**values, "answer": "改过的答复口径"}, "1003", NOW)
    h = ku.submit(h, 1, "1001", NOW)
    for who in ("1001", "1003"):
        with pytest.raises(ku.SelfApproval) as err:
            ku.approve(h, 1, who, LATER)
        assert who in err.value.zh and who in err.value.en
    h = ku.approve(h, 1, "2002", LATER, note="核对无误")
    v = h.published
    assert (v.number, v.reviewer, v.reviewed_at, v.note) == (1, "2002", LATER, "核对无误")
    assert v.entry["version"] == 1
    assert [e.action for e in h.events] == ["created", "edited", "submitted", "approved"]


def test_new_version_supersedes_and_keeps_a_field_diff(values):
    h = published(values)
    h = ku.start_draft(h, {**values, "unit": "盐湖区水务局", "valid_to": "2025-08-15"}, "1001",
                       LATER)
    v2 = h.open
    assert (v2.number, v2.base) == (2, 1)
    assert [(c.field, c.old, c.new) for c in v2.changes] == [
        ("unit", "盐湖区供水公司", "盐湖区水务局"),
        ("valid_to", date(2025, 7, 30), date(2025, 8, 15)),
    ]
    assert h.published.number == 1  # agents still read v1 until v2 is approved
    h = ku.approve(ku.submit(h, 2, "1001", LATER), 2, "2002", LATER)
    assert h.published.number == 2
    assert h.version(1).state is State.SUPERSEDED
    assert h.version(1).fields["unit"] == "盐湖区供水公司"  # kept as it was


def test_published_versions_are_never_edited_in_place(values):
    h = published(values)
    with pytest.raises(ku.PublishedImmutable):
        ku.edit(h, 1, {**values, "answer": "x"}, "1001", LATER)
    h = ku.start_draft(h, {**values, "answer": "新口径"}, "1001", LATER)
    h = ku.approve(ku.submit(h, 2, "1001", LATER), 2, "2002", LATER)
    with pytest.raises(ku.PublishedImmutable):
        ku.edit(h, 1, {**values, "answer": "y"}, "1001", LATER)


def test_one_open_change_and_no_empty_change(values):
    h = published(values)
    with pytest.raises(ku.TransitionRefused):
        ku.start_draft(h, dict(values), "1001", LATER)  # nothing differs
    h = ku.start_draft(h, {**values, "answer": "新口径"}, "1001", LATER)
    with pytest.raises(ku.TransitionRefused) as err:
        ku.start_draft(h, {**values, "answer": "另一个"}, "1004", LATER)
    assert "第 2 版" in err.value.zh


def test_review_rules(values):
    h = ku.create("KB-T-1", values, "1001", NOW)
    with pytest.raises(ku.TransitionRefused):
        ku.approve(h, 1, "2002", LATER)  # a draft is not in review
    with pytest.raises(ku.TransitionRefused):
        ku.submit(h, 1, "9999", NOW)  # only its editors submit it
    h = ku.submit(h, 1, "1001", NOW)
    with pytest.raises(ku.TransitionRefused):
        ku.edit(h, 1, values, "1001", NOW)  # in review: withdraw first
    with pytest.raises(ku.TransitionRefused):
        ku.reject(h, 1, "2002", LATER, "  ")  # a reason is required
    h = ku.reject(h, 1, "2002", LATER, "答复口径缺少咨询电话")
    assert h.open.state is State.REJECTED and h.open.note == "答复口径缺少咨询电话"
    h = ku.edit(h, 1, {**values, "phone": "0359-1234567"}, "1001", LATER)
    assert h.open.state is State.DRAFT and h.open.reviewer == ""
    h = ku.withdraw(ku.submit(h, 1, "1001", LATER), 1, "1001", LATER)
    assert h.open.state is State.DRAFT


def test_rollback_is_a_new_version_equal_to_the_old_one(values):
    h = published(values)
    h = ku.approve(ku.submit(ku.start_draft(h, {**values, "answer": "错误口径"}, "1001", LATER),
                             2, "1001", LATER), 2, "2002", LATER)
    h = ku.rollback(h, 1, "1001", LATER)
    v3 = h.open
    assert (v3.number, v3.rollback_of, v3.base) == (3, 1, 2)
    assert v3.fields == h.version(1).fields
    assert [(c.field, c.new) for c in v3.changes] == [("answer", values["answer"])]
    with pytest.raises(ku.TransitionRefused):
        ku.rollback(ku.withdraw(ku.submit(h, 3, "1001", LATER), 3, "1001", LATER), 3, "1", LATER)
    lines = ku.history_lines(h)
    assert lines[0].startswith("第 3 版 [草稿] 1001") and "回退到第 1 版" in lines[0]


def test_refused_edit_names_every_field_and_keeps_the_draft(values):
    h = ku.create("KB-T-1", values, "1001", NOW)
    bad = {**values, "area": "火星区", "valid_to": date(2025, 4, 1), "title": "a\x00b",
           "subcategory": "供电"}
    with pytest.raises(ku.EntryInvalid) as err:
        ku.edit(h, 1, bad, "1001", NOW)
    fields = {e.field for e in err.value.errors}
    assert fields == {"area", "valid_to", "title", "subcategory"}
    assert "区域" in err.value.zh and "area" in err.value.en
    assert h.open.fields["area"] == "盐湖区"  # the stored draft is untouched
    assert bad["area"] == "火星区"  # and what was typed is not altered
    with pytest.raises(ku.EntryInvalid):
        ku.edit(h, 1, {**values, "code": "KB-OTHER"}, "1001", NOW)


def test_stale_change_is_refused_not_overwritten():
    values = entry()
    h = published(values)
    h = ku.start_draft(h, {**values, "answer": "A"}, "1001", LATER)
    # a second published version appears (e.g. history replayed from another source)
    v2 = h.open
    from dataclasses import replace
    stale = ku.History(h.code, (*h.versions[:-1], replace(v2, base=0, state=State.IN_REVIEW)))
    with pytest.raises(ku.TransitionRefused) as err:
        ku.approve(stale, 2, "2002", LATER)
    assert "当前发布的是第 1 版" in err.value.zh
