"""The simulated caller: opening line, facts only when asked, keyword matching, upset
escalation and calming, emergency transfer."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from seat_app.domain.training import CallState, Library, Mood, Scenario, SimulatedCaller
from seat_app.domain.training.caller import ESCALATION, NOT_UNDERSTOOD

pytestmark = pytest.mark.training


def first(library: Library, pred: Callable[[Scenario], object]) -> Scenario:
    return next(s for s in library.scenarios if pred(s))


def test_rings_greets_and_reveals_only_what_is_asked(library: Library) -> None:
    s = first(library, lambda s: s.persona.mood == Mood.CALM and s.is_phone
              and not s.is_emergency and s.fact("since"))
    c = SimulatedCaller(s)
    c.ring()
    assert c.state == CallState.RINGING
    line = c.answer()
    assert line.text == s.opening and c.state == CallState.TALKING and c.revealed == []
    addr = c.ask("请问具体地址在哪里？")
    assert addr.fact_id == "address" and s.expected.address in addr.text
    assert c.revealed == ["address"]
    # "从什么时候开始" holds both a 'time' and a 'since' keyword; 'since' matches more
    assert c.ask("这个情况是从什么时候开始的？").fact_id == "since"
    assert c.ask("一般几点？").fact_id == "time"
    assert c.ask("今天天气不错").text == NOT_UNDERSTOOD
    assert c.ask("您的手机号码是？").fact_id == "phone"
    assert c.use_step("call/identify").fact_id == "name"
    assert c.revealed == ["address", "since", "time", "phone", "name"]


def test_upset_caller_escalates_until_calmed_by_the_right_step(library: Library) -> None:
    s = first(library, lambda s: s.is_upset)
    c = SimulatedCaller(s, escalate_after=2)
    c.ring()
    c.answer()
    first_line = c.ask("请问具体地址在哪里？")
    assert first_line.kind == "escalation" and first_line.text == ESCALATION[0]
    assert c.revealed == [] and not c.escalated
    assert c.use_step("upset_caller/boundary") is None  # not a calming step
    assert c.ask("请问具体地址在哪里？").kind == "escalation" and c.escalated
    calm = c.use_step(s.calm_steps[0])
    assert calm is not None and calm.kind == "calmed" and c.calmed
    assert c.ask("请问具体地址在哪里？").fact_id == "address"


def test_calmed_in_time_does_not_escalate(library: Library) -> None:
    s = first(library, lambda s: s.is_upset)
    c = SimulatedCaller(s)
    c.ring()
    c.answer()
    c.use_step(s.calm_steps[0])
    assert c.ask("请问具体地址在哪里？").fact_id == "address"
    assert c.calmed and not c.escalated


@pytest.mark.parametrize("right", [True, False])
def test_emergency_transfer(library: Library, right: bool) -> None:
    s = first(library, lambda s: s.is_emergency and s.expected.transfer_to == "119")
    c = SimulatedCaller(s)
    c.ring()
    assert c.answer().mood == Mood.PANICKED
    line = c.use_step("emergency/transfer-119" if right else "emergency/transfer-110")
    assert line is not None and line.kind == ("transferred" if right else "wrong_transfer")
    assert c.transferred_to == ("119" if right else "110")
    assert c.state == CallState.ENDED
    assert c.ask("还在吗？").kind == "ended"
