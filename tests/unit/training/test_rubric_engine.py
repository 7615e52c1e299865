"""The generic rubric engine: weights, N/A, partial credit, fatal items, bands, versions."""

from __future__ import annotations

import pytest

from seat_app.domain.training import (
    Evaluation,
    Judgement,
    Outcome,
    RubricError,
    evaluate,
    rubric_from_dict,
    rubric_to_dict,
)

pytestmark = pytest.mark.training

RUBRIC = {
    "id": "t", "version": 1, "title": "测试", "pass_mark": 80,
    "bands": [{"name": "合格", "min_score": 80}, {"name": "优秀", "min_score": 95},
              {"name": "不合格", "min_score": 0}],
    "sections": [
        {"id": "a", "title": "A", "weight": 60, "items": [
            {"id": "a1", "title": "A1", "points": 6}, {"id": "a2", "title": "A2", "points": 4}]},
        {"id": "b", "title": "B", "weight": 40, "items": [
            {"id": "b1", "title": "B1", "points": 10}]},
        {"id": "r", "title": "红线", "weight": 0, "items": [
            {"id": "red", "title": "红线", "fatal": True}]},
    ],
}


def judge(**outcomes: Outcome | tuple[Outcome, float]) -> list[Judgement]:
    out = []
    for item in ("a1", "a2", "b1", "red"):
        o = outcomes.get(item, Outcome.PASS)
        if isinstance(o, tuple):
            out.append(Judgement(item, o[0], credit=o[1], expected="x", entered="y"))
        else:
            out.append(Judgement(item, o, expected="x", entered="y"))
    return out


def test_weighted_sections_and_partial_credit() -> None:
    r = rubric_from_dict(RUBRIC)
    ev = evaluate(r, judge(a2=Outcome.FAIL, b1=(Outcome.PARTIAL, 0.5)))
    # section a: 6/10 -> 0.6*60 = 36; section b: 5/10 -> 0.5*40 = 20 -> 56
    assert ev.score == 56.0
    assert not ev.passed
    assert ev.band == "不合格"
    assert ev.failed_items() == ("a2", "b1")
    assert ev.item("b1").earned == 5.0


def test_na_leaves_both_sides_and_empty_section_leaves_total() -> None:
    r = rubric_from_dict(RUBRIC)
    ev = evaluate(r, judge(a2=Outcome.NA, b1=Outcome.NA))
    assert ev.score == 100.0 and ev.band == "优秀"
    ev2 = evaluate(r, judge(a1=Outcome.FAIL, b1=Outcome.NA))
    # only section a counts: 4/4 of applicable? a1 fails: 4/10 -> 40
    assert ev2.score == 40.0
    assert [s.applicable for s in ev2.sections] == [True, False, False]


def test_fatal_item_zeroes_the_score_but_every_item_stays_visible() -> None:
    r = rubric_from_dict(RUBRIC)
    ev = evaluate(r, judge(red=Outcome.FAIL))
    assert ev.score == 0.0 and ev.raw_score == 100.0
    assert not ev.passed and ev.fatal_failed == ("red",)
    assert [i.item_id for i in ev.items] == ["a1", "a2", "b1", "red"]
    assert ev.item("a1").outcome == Outcome.PASS


def test_missing_unknown_and_double_judgements_are_refused() -> None:
    r = rubric_from_dict(RUBRIC)
    with pytest.raises(RubricError, match="a2"):
        evaluate(r, [j for j in judge() if j.item_id != "a2"])
    with pytest.raises(RubricError) as e:
        evaluate(r, [*judge(), Judgement("zz", Outcome.PASS)])
    assert "zz" in e.value.en
    with pytest.raises(RubricError):
        evaluate(r, [*judge(), Judgement("a1", Outcome.PASS)])
    with pytest.raises(RubricError):
        evaluate(r, judge(a1=(Outcome.PARTIAL, 1.5)))


@pytest.mark.parametrize("bad", [
    {"version": 0}, {"version": "1"}, {"pass_mark": 120},
    {"sections": [{"id": "a", "title": "A", "weight": 1, "items": []}]},
    {"sections": [{"id": "a", "title": "A", "weight": 1,
                   "items": [{"id": "a", "title": "dup", "points": 1}]}]},
    {"sections": [{"id": "a", "title": "A", "weight": -1,
                   "items": [{"id": "x", "title": "X", "points": 1}]}]},
    {"sections": [{"id": "a", "title": "A", "weight": 1,
                   "items": [{"id": "x", "title": "X", "fatal": True}]}]},
])
def test_malformed_rubrics_are_refused(bad: dict) -> None:
    with pytest.raises(RubricError):
        rubric_from_dict({**RUBRIC, **bad})


def test_a_changed_rubric_never_rescores_an_old_result() -> None:
    v1 = rubric_from_dict(RUBRIC)
    old = evaluate(v1, judge(a2=Outcome.FAIL))
    stored = old.to_dict()
    changed = dict(RUBRIC, version=2)
    changed["sections"] = [dict(RUBRIC["sections"][0], weight=10), *RUBRIC["sections"][1:]]
    v2 = rubric_from_dict(changed)
    new = evaluate(v2, judge(a2=Outcome.FAIL))
    assert new.score != old.score
    back = Evaluation.from_dict(stored)
    assert back == old
    assert (back.rubric_version, back.score) == (1, 76.0)
    assert new.score == 92.0  # 0.6*10 + 1.0*40 over weight 50
    assert back.rubric_fingerprint != new.rubric_fingerprint
    assert rubric_from_dict(rubric_to_dict(v1)) == v1
    assert v1.revised(pass_mark=90).version == 2


def test_session_pass_mark_overrides_the_rubric() -> None:
    r = rubric_from_dict(RUBRIC)
    ev = evaluate(r, judge(a2=Outcome.FAIL), pass_mark=75)
    assert ev.score == 76.0 and ev.passed and ev.pass_mark == 75
    assert not evaluate(r, judge(a2=Outcome.FAIL)).passed
