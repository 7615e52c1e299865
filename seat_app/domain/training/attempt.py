"""A practice attempt: what the trainee did on one scenario, as the scorer consumes it.

Phase 2 fills it from the real seat window in practice mode (the case form's values, the
script steps used, the questions typed into "ask the caller", KB entries opened or
inserted, the read-back, a transfer, the elapsed time); the scripted agents in
``agents.py`` fill it from a scenario.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

FORM_FIELDS = ("channel", "caller_name", "caller_phone", "caller_area", "caller_address",
               "matter", "description", "handling", "handling_unit", "reply_text")
"""Case-form fields an attempt carries (names as in seat_app.domain.case)."""


@dataclass(frozen=True, slots=True)
class PracticeAttempt:
    scenario_id: str
    form: Mapping[str, str] = field(default_factory=dict)
    """The case form as saved (field -> text), read-only."""
    steps_used: tuple[str, ...] = ()
    """Script steps used, ``script_id/step_id`` (call/greeting, upset_caller/acknowledge…)."""
    questions: tuple[str, ...] = ()
    """Questions typed into the "ask the caller" box."""
    revealed: tuple[str, ...] = ()
    """Ids of the facts the caller revealed."""
    kb_opened: tuple[str, ...] = ()
    kb_inserted: tuple[str, ...] = ()
    case_number: str = ""
    """The practice case number the save produced ('' when nothing was saved)."""
    read_back: str = ""
    """The case number the agent read back to the caller ('' when none)."""
    transferred_to: str = ""
    """110 / 119 / 120 when the call was transferred."""
    utterances: tuple[str, ...] = ()
    """Everything the agent said: script step texts as filled, typed remarks."""
    elapsed_s: float = 0.0
    calmed: bool = False
    escalated: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "form", MappingProxyType(dict(self.form)))

    def value(self, name: str) -> str:
        return str(self.form.get(name) or "").strip()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in self.__slots__:
            v = getattr(self, name)
            out[name] = dict(v) if name == "form" else list(v) if isinstance(v, tuple) else v
        return out

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> PracticeAttempt:
        kw: dict[str, Any] = {}
        for name in cls.__slots__:
            if name in d:
                v = d[name]
                kw[name] = tuple(v) if isinstance(v, list) else v
        return cls(**kw)
