"""Disputes per item: the working-day window, two rounds, who decides, audit, corrections."""

from __future__ import annotations

from datetime import date

import pytest

from seat_app.domain.calendar import WorkingDayCalendar
from seat_app.domain.quality import (
    DisputePolicy,
    DisputeRefused,
    DisputeStatus,
    EvaluationRef,
    corrected_judgements,
    decide_dispute,
    raise_dispute,
    window_closes,
)
from seat_app.domain.training import Judgement, evaluate

pytestmark = pytest.mark.quality

CAL = WorkingDayCalendar()
# released on Friday 2024-09-27: Sunday 09-29 is a make-up working day, 10-01..10-07 is the
# National Day holiday, so five working days end on Thursday 2024-10-10.
EV = EvaluationRef("ev1", agent="A001", inspector="QA01", released_on=date(2024, 9, 27),
                   item_ids=frozenset({"faithful_record", "courtesy"}))


def _raise(today, history=(), item="faithful_record", agent="A001", n=1, policy=None):
    return raise_dispute(EV, item, agent=agent, reason="记录与来电内容一致，请复核", today=today,
                         history=list(history), calendar=CAL, dispute_id=f"d{n}", policy=policy)


def test_window_counts_working_days_over_holidays():
    assert window_closes(EV.released_on, CAL, DisputePolicy()) == date(2024, 10, 10)
    assert window_closes(EV.released_on, CAL, DisputePolicy(window_working_days=1)) == \
        date(2024, 9, 29)


def test_dispute_on_the_last_day_is_taken_and_audited():
    d, audit = _raise(date(2024, 10, 10))
    assert d.round == 1 and d.status == DisputeStatus.OPEN and d.window_closes == date(2024, 10, 10)
    assert (audit.action, audit.actor, audit.item_id) == ("dispute.raised", "A001",
                                                          "faithful_record")


def test_late_dispute_is_refused_with_the_date_the_window_closed():
    with pytest.raises(DisputeRefused) as exc:
        _raise(date(2024, 10, 11))
    e = exc.value
    assert e.reason == "late" and e.window_closed == date(2024, 10, 10)
    assert "2024-10-10" in e.zh and "2024-10-10" in e.en


def test_only_the_agent_disputes_own_items_with_a_reason():
    with pytest.raises(DisputeRefused) as exc:
        _raise(date(2024, 9, 30), agent="A002")
    assert exc.value.reason == "not_own"
    with pytest.raises(DisputeRefused) as exc:
        _raise(date(2024, 9, 30), item="nope")
    assert exc.value.reason == "unknown_item"
    with pytest.raises(DisputeRefused) as exc:
        raise_dispute(EV, "courtesy", agent="A001", reason=" ", today=date(2024, 9, 30),
                      history=[], calendar=CAL, dispute_id="x")
    assert exc.value.reason == "no_reason"


def test_who_may_decide():
    d, _ = _raise(date(2024, 9, 30))
    for decider, role, why in (("QA01", "inspector", "own_evaluation"),
                               ("A009", "agent", "not_allowed"),
                               ("QA02", "trainer", "not_allowed")):
        with pytest.raises(DisputeRefused) as exc:
            decide_dispute(d, EV, decider=decider, role=role, upheld=True, reason="复核后成立",
                           today=date(2024, 10, 8))
        assert exc.value.reason == why
    done, audit = decide_dispute(d, EV, decider="QA02", role="inspector", upheld=False,
                                 reason="录音与记录不符", today=date(2024, 10, 8))
    assert done.status == DisputeStatus.REJECTED and done.decided_by == "QA02"
    assert audit.action == "dispute.rejected"
    with pytest.raises(DisputeRefused) as exc:
        decide_dispute(done, EV, decider="L1", role="lead", upheld=True, reason="再次复核",
                       today=date(2024, 10, 9))
    assert exc.value.reason == "already_decided"


def test_two_rounds_at_most_and_the_third_is_refused_with_the_window_date():
    d1, _ = _raise(date(2024, 9, 30))
    d1, _ = decide_dispute(d1, EV, decider="QA02", role="inspector", upheld=False,
                           reason="录音与记录不符", today=date(2024, 10, 8))
    # round 2 counts its own window from the round-1 decision: 10-08 + 5 working days, the
    # make-up Saturday 10-12 included, is 10-14
    with pytest.raises(DisputeRefused) as exc:
        _raise(date(2024, 10, 15), [d1], n=2)
    assert exc.value.window_closed == date(2024, 10, 14)
    d2, _ = _raise(date(2024, 10, 14), [d1], n=2)
    assert d2.round == 2 and d2.window_closes == date(2024, 10, 14)
    with pytest.raises(DisputeRefused) as exc:  # the round-1 decider may not decide again
        decide_dispute(d2, EV, decider="QA02", role="inspector", upheld=False,
                       reason="维持原判", today=date(2024, 10, 16), history=[d1, d2])
    assert exc.value.reason == "same_decider"
    d2, _ = decide_dispute(d2, EV, decider="L1", role="lead", upheld=False, reason="维持原判",
                           today=date(2024, 10, 16), history=[d1, d2])
    with pytest.raises(DisputeRefused) as exc:
        _raise(date(2024, 10, 17), [d1, d2], n=3)
    assert exc.value.reason == "too_many_rounds"
    assert exc.value.window_closed == date(2024, 10, 23)
    assert "2024-10-23" in exc.value.zh and "2024-10-23" in exc.value.en
    # the other item has its own rounds
    other, _ = _raise(date(2024, 10, 10), [d1, d2], item="courtesy", n=4)
    assert other.round == 1


def test_open_or_upheld_items_cannot_be_disputed_again():
    d1, _ = _raise(date(2024, 9, 30))
    with pytest.raises(DisputeRefused) as exc:
        _raise(date(2024, 9, 30), [d1], n=2)
    assert exc.value.reason == "already_open"
    d1, _ = decide_dispute(d1, EV, decider="L1", role="lead", upheld=True, reason="记录无误",
                           today=date(2024, 10, 8))
    with pytest.raises(DisputeRefused) as exc:
        _raise(date(2024, 10, 9), [d1], n=2)
    assert exc.value.reason == "already_upheld"


def test_configurable_window_and_rounds():
    policy = DisputePolicy(window_working_days=2, max_rounds=1)
    with pytest.raises(DisputeRefused) as exc:
        _raise(date(2024, 10, 1), policy=policy)
    assert exc.value.window_closed == date(2024, 9, 30)


def test_an_upheld_item_is_corrected_in_a_new_evaluation(form):
    js = [Judgement(i.id, "fail" if i.id == "faithful_record" else "pass")
          for i in form.rubric.items()]
    old = evaluate(form.rubric, js)
    new = evaluate(form.rubric, corrected_judgements(old, ["faithful_record"]))
    assert old.score == 88 and new.score == 100
    assert new.item("faithful_record").note == "申诉成立，改判通过"
    assert old.item("faithful_record").outcome == "fail"  # the saved one is untouched
