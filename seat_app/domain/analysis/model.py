"""The records the detectors read and the alerts they write (frozen dataclasses)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class CaseRecord:
    """One case as analysis sees it (a projection of the stored case)."""

    number: str
    received_at: datetime
    caller_phone: str
    area: str
    address: str
    matter: str
    text: str
    channel: str = "电话"
    handling: str = ""
    """直接办理 / 转派 (empty when unknown)."""
    unit: str = ""
    status: str = "closed"
    satisfaction: str = ""
    """满意 / 基本满意 / 不满意, or empty when not rated."""


class AlertKind(StrEnum):
    SAME_PLACE = "same_place"
    SURGE = "surge"
    SLOW_RISE = "slow_rise"
    REPEAT_CALLER = "repeat_caller"
    EMERGING_TOPIC = "emerging_topic"


KIND_LABELS_ZH: dict[AlertKind, str] = {
    AlertKind.SAME_PLACE: "同地点聚集",
    AlertKind.SURGE: "诉求激增",
    AlertKind.SLOW_RISE: "持续上升",
    AlertKind.REPEAT_CALLER: "重复来电",
    AlertKind.EMERGING_TOPIC: "新兴话题",
}


@dataclass(frozen=True, slots=True)
class Alert:
    """One alert. ``key`` identifies an ongoing alert: a later run that sees the same
    pattern continue produces an alert with the same key and more cases (it grows)."""

    kind: AlertKind
    scope: str
    """In the words of the cases: ``盐湖区/北城街道/康馨小区 · 停水`` or ``盐湖区 · 停水`` or a phrase."""
    observed: float
    expected: float
    first_case_at: datetime
    last_case_at: datetime
    case_numbers: tuple[str, ...]
    raised_at: datetime
    """When the alert first fired (for clusters: when the Nth distinct caller arrived)."""
    key: str
    score: float = 0.0
    """Higher is more unusual (−log10 p for count tests); used by the daily budget."""
    details: tuple[tuple[str, str], ...] = field(default=())
    """Extra facts for the lead's view, e.g. ("distinct_callers", "6")."""

    def detail(self, name: str, default: str = "") -> str:
        for k, v in self.details:
            if k == name:
                return v
        return default

    def to_json_dict(self) -> dict[str, object]:
        """The line ``seat-admin analysis alerts --json`` prints for this alert."""
        return {
            "kind": self.kind.value,
            "scope": self.scope,
            "observed": self.observed,
            "expected": round(self.expected, 3),
            "first_case_at": self.first_case_at.isoformat(timespec="seconds"),
            "last_case_at": self.last_case_at.isoformat(timespec="seconds"),
            "raised_at": self.raised_at.isoformat(timespec="seconds"),
            "case_numbers": list(self.case_numbers),
            "key": self.key,
            "score": round(self.score, 3),
            "details": dict(self.details),
        }
