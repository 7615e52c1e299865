"""Practice items one by one: evidence (expected vs entered), partial matter credit, N/A
for online requests, forbidden phrases, the phone red line, time limit."""

from __future__ import annotations

from dataclasses import replace

import pytest

from seat_app.domain.taxonomy import MATTERS
from seat_app.domain.training import (
    Evaluation,
    Library,
    Outcome,
    PracticeAttempt,
    Scenario,
    model_attempt,
    score_attempt,
)

pytestmark = pytest.mark.training


def phone_dispatch(library: Library) -> Scenario:
    return next(s for s in library.scenarios
                if s.is_phone and s.expected.handling == "转派" and not s.is_upset)


def score(library: Library, s: Scenario, a: PracticeAttempt) -> Evaluation:
    return score_attempt(s, a, library.rubric, library.forbidden)


def with_form(a: PracticeAttempt, **values: str) -> PracticeAttempt:
    return replace(a, form={**a.form, **values})


def test_matter_full_part_and_none(library: Library) -> None:
    s = phone_dispatch(library)
    a = model_attempt(s)
    sibling = next(m.name for m in MATTERS
                   if m.subcategory == s.subcategory and m.name != s.matter)
    other = next(m.name for m in MATTERS if m.domain != s.domain)
    part = score(library, s, with_form(a, matter=sibling)).item("matter")
    assert part.outcome == Outcome.PARTIAL and part.earned == part.points / 2
    assert (part.expected, part.entered) == (s.matter, sibling)
    none = score(library, s, with_form(a, matter=other))
    assert none.item("matter").outcome == Outcome.FAIL
    assert none.score < score(library, s, with_form(a, matter=sibling)).score < 100


def test_unit_address_and_required_fields_evidence(library: Library) -> None:
    s = phone_dispatch(library)
    ev = score(library, s, with_form(model_attempt(s), handling_unit="错误单位",
                                      caller_address="", caller_name=""))
    unit = ev.item("handling_unit")
    assert unit.outcome == Outcome.FAIL and unit.entered == "错误单位"
    assert unit.expected == s.expected.units[0]
    assert ev.item("address").outcome == Outcome.FAIL
    req = ev.item("required_fields")
    assert req.outcome == Outcome.FAIL and "地址" in req.entered and "来电人" in req.entered
    assert ev.item("name_confirmed").outcome == Outcome.FAIL


def test_online_request_has_no_voice_items(library: Library) -> None:
    s = next(s for s in library.scenarios if not s.is_phone)
    ev = score(library, s, model_attempt(s))
    for item in ("greeting", "closing", "name_confirmed", "readback", "phone_privacy"):
        assert ev.item(item).outcome == Outcome.NA, item
    assert ev.score == 100


def test_forbidden_phrases_anywhere_the_agent_speaks(library: Library) -> None:
    s = phone_dispatch(library)
    a = model_attempt(s)
    for bad in (replace(a, utterances=("我也没办法啊",)), replace(a, questions=("你问我我问谁？",)),
                with_form(a, reply_text=a.value("reply_text") + "爱找谁找谁")):
        ev = score(library, s, bad)
        assert ev.item("no_forbidden").outcome == Outcome.FAIL
        assert ev.item("no_forbidden").entered.startswith("使用了：")
    assert score(library, s, a).item("no_forbidden").outcome == Outcome.PASS


@pytest.mark.parametrize("said, leaked", [
    ("{p}", True), ("{a}-{b}-{c}", True), ("{a} {b} {c}", True),
    ("{a}****{c}", False), ("尾号{c}", False),
])
def test_phone_red_line(library: Library, said: str, leaked: bool) -> None:
    s = phone_dispatch(library)
    p = s.persona.phone
    text = said.format(p=p, a=p[:3], b=p[3:7], c=p[7:])
    ev = score(library, s, replace(model_attempt(s), utterances=(f"您的电话是{text}",)))
    assert (ev.item("phone_privacy").outcome == Outcome.FAIL) is leaked
    assert (ev.score == 0) is leaked


def test_time_limit_and_read_back(library: Library) -> None:
    s = phone_dispatch(library)
    a = model_attempt(s)
    late = score(library, s, replace(a, elapsed_s=s.time_limit_s + 1))
    assert late.item("time_limit").outcome == Outcome.FAIL and late.score < 100
    wrong = score(library, s, replace(a, read_back="LX20260105-P01-9999"))
    assert wrong.item("readback").outcome == Outcome.FAIL
    assert wrong.item("readback").expected == a.case_number


def test_upset_caller_not_calmed(library: Library) -> None:
    s = next(s for s in library.scenarios if s.is_upset and s.is_phone)
    ev = score(library, s, replace(model_attempt(s), calmed=False, escalated=True))
    assert ev.item("caller_calmed").outcome == Outcome.FAIL
    assert ev.item("caller_calmed").entered == "来电人情绪升级"


def test_attempt_round_trip_and_wrong_scenario(library: Library) -> None:
    s = phone_dispatch(library)
    a = model_attempt(s)
    assert PracticeAttempt.from_dict(a.to_dict()) == a
    with pytest.raises(TypeError):
        a.form["matter"] = "x"  # type: ignore[index]
    other = next(x for x in library.scenarios if x.id != s.id)
    with pytest.raises(ValueError):
        score_attempt(other, a, library.rubric, library.forbidden)


def test_result_keeps_model_answer_and_kb(library: Library) -> None:
    s = phone_dispatch(library)
    ev = score(library, s, model_attempt(s))
    assert ev.meta["model_answer"] == s.expected.model_answer
    assert ev.meta["accepted_kb"] == list(s.expected.accepted_kb)
    assert (ev.rubric_id, ev.rubric_version) == ("practice", 1)
