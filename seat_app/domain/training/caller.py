"""The simulated caller (模拟来电人): rings, greets with the scenario's opening line and
reveals facts only when asked — by a script step tied to the fact, or by a typed question
whose words match the fact's keywords (the fact with the most matching keywords wins; no
language model). An upset caller withholds facts and escalates until calmed by one of the
scenario's ``calm_steps``; an emergency caller must be transferred to its number.

Usage::

    caller = SimulatedCaller(scenario)
    caller.ring(); line = caller.answer()          # the opening line
    caller.use_step("upset_caller/acknowledge")    # calms an upset caller
    caller.ask("请问具体地址在哪里？").text           # the address fact's answer
    caller.transfer("110")                         # emergencies
    caller.revealed, caller.escalated, caller.calmed
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from seat_app.domain.training.scenario import Fact, Mood, Scenario


class CallState(StrEnum):
    IDLE = "idle"
    RINGING = "ringing"
    TALKING = "talking"
    ENDED = "ended"


@dataclass(frozen=True, slots=True)
class CallerLine:
    text: str
    kind: str
    """opening, fact, unknown, escalation, calmed, transferred, wrong_transfer, ended"""
    fact_id: str | None = None
    mood: Mood = Mood.CALM


NOT_UNDERSTOOD = "您说的我没太听明白，您是想问什么？"
ESCALATION = ("你们到底管不管？我都打了好几次了！", "我不想听这些，你们就是推来推去！",
              "我要投诉你们！叫你们领导来接电话！")
CALMED = "……好吧，那我慢慢跟你说。"
WRONG_TRANSFER = "不是这个！我这边真的很急……"
_PUNCT = re.compile(r"[\s，。？！、,.?!：:；;“”\"'（）()]+")


def _norm(text: str) -> str:
    return _PUNCT.sub("", text)


def caller_facts(s: Scenario) -> tuple[Fact, ...]:
    """The scenario's facts plus the standard ones it leaves implicit: name, phone (for a
    caller with a number) and address (when a place is expected)."""
    facts = list(s.facts)
    have = {f.id for f in facts}
    if "name" not in have:
        facts.append(Fact("name", f"我叫{s.persona.name}。", steps=("call/identify",)))
    if "phone" not in have and s.persona.phone:
        facts.append(Fact("phone", f"我的电话是{s.persona.phone}。"))
    if "address" not in have and s.expected.address:
        facts.append(Fact("address", f"在{s.expected.area}{s.expected.address}。"))
    return tuple(facts)


def match_fact(question: str, facts: tuple[Fact, ...]) -> Fact | None:
    """The fact whose keywords best match ``question`` (most keywords found; the earlier
    fact on a tie); None when no keyword is found."""
    q = _norm(question)
    best: Fact | None = None
    best_n = 0
    for f in facts:
        n = sum(1 for k in f.all_keywords() if k and _norm(k) in q)
        if n > best_n:
            best, best_n = f, n
    return best


@dataclass
class SimulatedCaller:
    scenario: Scenario
    escalate_after: int = 2
    """Un-calmed turns of an upset caller before it escalates (投诉升级)."""
    state: CallState = CallState.IDLE
    mood: Mood = Mood.CALM
    anger: int = 0
    escalated: bool = False
    calmed: bool = False
    transferred_to: str = ""
    revealed: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    steps_used: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.facts = caller_facts(self.scenario)
        self.mood = self.scenario.persona.mood

    def ring(self) -> None:
        self.state = CallState.RINGING

    def answer(self) -> CallerLine:
        """The agent picks up: the caller says its opening line."""
        self.state = CallState.TALKING
        return CallerLine(self.scenario.opening, "opening", mood=self.mood)

    def _reveal(self, f: Fact) -> CallerLine:
        if f.id not in self.revealed:
            self.revealed.append(f.id)
        return CallerLine(f.answer, "fact", f.id, self.mood)

    def _upset_turn(self) -> CallerLine | None:
        if self.mood != Mood.UPSET:
            return None
        self.anger += 1
        if self.anger >= self.escalate_after:
            self.escalated = True
        return CallerLine(ESCALATION[min(self.anger, len(ESCALATION)) - 1], "escalation",
                          mood=self.mood)

    def ask(self, question: str) -> CallerLine:
        """A typed question: the matching fact's answer, or 'not understood'."""
        if self.state == CallState.ENDED:
            return CallerLine("", "ended", mood=self.mood)
        self.questions.append(question)
        upset = self._upset_turn()
        if upset is not None:
            return upset
        f = match_fact(question, self.facts)
        return self._reveal(f) if f else CallerLine(NOT_UNDERSTOOD, "unknown", mood=self.mood)

    def use_step(self, step: str) -> CallerLine | None:
        """A script step (``script/step``) said to the caller; the caller's reaction, if any.
        A transfer step (emergency/transfer-110…) transfers."""
        if self.state == CallState.ENDED:
            return None
        self.steps_used.append(step)
        if step.startswith("emergency/transfer-"):
            return self.transfer(step.rsplit("-", 1)[1])
        if self.mood == Mood.UPSET and step in self.scenario.calm_steps:
            self.mood, self.calmed = Mood.ANXIOUS, True
            return CallerLine(CALMED, "calmed", mood=self.mood)
        for f in self.facts:
            if step in f.steps:
                return self._upset_turn() or self._reveal(f)
        return None

    def transfer(self, number: str) -> CallerLine:
        """Transfer the call to 110/119/120; the call ends either way (the scorer judges
        whether it was the scenario's number)."""
        want = self.scenario.expected.transfer_to
        self.transferred_to = number
        self.state = CallState.ENDED
        if number != want:
            return CallerLine(WRONG_TRANSFER, "wrong_transfer", mood=self.mood)
        return CallerLine("", "transferred", mood=self.mood)

    def hang_up(self) -> None:
        self.state = CallState.ENDED
