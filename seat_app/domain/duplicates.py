"""Duplicate requests (重复件) at intake, and the "unreasonable request" flag.

While an agent records a request, earlier cases within a window are scored against it:
the same caller (normalized phone number), the same place (normalized address, same area)
and the same matter (or a sibling matter of the same subcategory, since agents classify the
same problem differently). Suggestions are shown with the earlier case; the agent decides
whether to link. A linked duplicate is closed as merged and never dispatched again
(:meth:`seat_app.domain.dispatch.DispatchFlow.link_duplicate`).

Scoring (0..1): phone 0.45; same matter 0.35, same subcategory 0.20, same domain 0.05;
address similarity × 0.45; the sum is capped at 1 and decays linearly to 80% at the end of
the window. A candidate must share the caller, or the place together with at least the
subcategory; a suggestion needs ``min_score`` (0.55 by default), so the same caller about
an unrelated matter, or the same place about an unrelated matter, is not suggested.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from difflib import SequenceMatcher
from enum import StrEnum

from seat_app.domain.dispatch import DispatchRuleError
from seat_app.domain.taxonomy import AREAS, is_matter, matter_by_name


@dataclass(frozen=True, slots=True)
class IntakeRecord:
    """What duplicate detection needs from a case."""

    case_id: str
    received_at: datetime
    caller_phone: str
    address: str
    matter: str
    area: str = ""


@dataclass(frozen=True, slots=True)
class DuplicateRules:
    window_days: int = 30
    min_score: float = 0.55
    max_suggestions: int = 5
    min_address_similarity: float = 0.7


@dataclass(frozen=True, slots=True)
class DuplicateSuggestion:
    earlier_case_id: str
    score: float
    reasons: tuple[str, ...]
    """Chinese reasons for the agent (同一来电人, 同一地址, 同一事项, ...)."""
    received_at: datetime


# -- normalization ------------------------------------------------------------------------------

_PHONE_PREFIX = re.compile(r"^(?:0086|86)(?=1\d{10}$)")


def normalize_phone(phone: str) -> str:
    """Digits only, without a +86/0086 prefix on mobile numbers; '' when too short to use."""
    digits = re.sub(r"\D", "", unicodedata.normalize("NFKC", phone or ""))
    digits = _PHONE_PREFIX.sub("", digits)
    return digits if len(digits) >= 7 else ""


_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_CN_NUMBER = re.compile(r"[零〇一二两三四五六七八九十百]+(?=号|栋|幢|楼|单元|层|室|排|巷|组|街坊)")
_NOISE_SUFFIX = re.compile(r"(附近|旁边|对面|门口|路口|周边|一带|处)+$")
_PREFIXES = ("山西省", "运城市", *sorted((a for a in AREAS if a != "市直"), key=len, reverse=True))
_PUNCT = re.compile(r"[\s\-_,，。.、;；:：()（）\[\]【】#＃/\\'\"“”]+")


def _cn_to_int(text: str) -> int:
    if "十" not in text and "百" not in text:
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _CN_DIGITS[ch]
    return total + current


def normalize_address(address: str) -> str:
    """A comparable form: half-width, no spaces/punctuation, no province/city/county prefix,
    Chinese house numbers as digits, 幢/号楼 as 栋, no trailing 附近/门口/对面."""
    text = unicodedata.normalize("NFKC", address or "")
    text = _PUNCT.sub("", text)
    changed = True
    while changed:
        changed = False
        for prefix in _PREFIXES:
            if text.startswith(prefix):
                text = text[len(prefix):]
                changed = True
    text = _CN_NUMBER.sub(lambda m: str(_cn_to_int(m.group(0))), text)
    text = text.replace("号楼", "栋").replace("幢", "栋")
    text = _NOISE_SUFFIX.sub("", text)
    return text.lower()


_NUMBERS = re.compile(r"\d+")


def address_similarity(a: str, b: str) -> float:
    """0..1 for two normalized addresses; different house numbers mean different places."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    na, nb = _NUMBERS.findall(a), _NUMBERS.findall(b)
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    ns, nl = (na, nb) if short is a else (nb, na)
    if ns and nl[: len(ns)] == ns:
        if long_.startswith(short):
            return 0.85  # the same place, one more precise (楼栋, 单元)
        # one more precise and written a little differently (a typo, a missing word)
        ms, ml = _NUMBERS.sub("#", short), _NUMBERS.sub("#", long_)
        blocks = SequenceMatcher(None, ms, ml, autojunk=False).get_matching_blocks()
        if sum(b.size for b in blocks) / len(ms) >= 0.85:
            return 0.8
    if na != nb:
        return 0.0
    ratio = SequenceMatcher(None, _NUMBERS.sub("#", a), _NUMBERS.sub("#", b)).ratio()
    return round(ratio * 0.9, 3) if ratio >= 0.75 else 0.0


# -- scoring -----------------------------------------------------------------------------------

def _matter_closeness(a: str, b: str) -> tuple[float, str]:
    if a == b:
        return 0.35, "同一事项"
    if not (is_matter(a) and is_matter(b)):
        return 0.0, ""
    ma, mb = matter_by_name(a), matter_by_name(b)
    if (ma.domain, ma.subcategory) == (mb.domain, mb.subcategory):
        return 0.20, f"同类事项（{ma.subcategory}）"
    if ma.domain == mb.domain:
        return 0.05, f"同一领域（{ma.domain}）"
    return 0.0, ""


def score_pair(
    new: IntakeRecord, earlier: IntakeRecord, rules: DuplicateRules | None = None
) -> DuplicateSuggestion | None:
    """The suggestion ``earlier`` makes for ``new``, or None."""
    rules = rules or DuplicateRules()
    if earlier.case_id == new.case_id:
        return None
    age = new.received_at - earlier.received_at
    window = timedelta(days=rules.window_days)
    if age < timedelta(0) or age > window:
        return None
    reasons: list[str] = []
    score = 0.0
    phone = normalize_phone(new.caller_phone)
    same_caller = bool(phone) and phone == normalize_phone(earlier.caller_phone)
    if same_caller:
        score += 0.45
        reasons.append("同一来电人")
    matter_points, matter_reason = _matter_closeness(new.matter, earlier.matter)
    if matter_points:
        score += matter_points
        reasons.append(matter_reason)
    similarity = 0.0
    if not (new.area and earlier.area and new.area != earlier.area):
        similarity = address_similarity(
            normalize_address(new.address), normalize_address(earlier.address)
        )
    same_place = similarity >= rules.min_address_similarity
    if same_place:
        score += 0.45 * similarity
        reasons.append("同一地址" if similarity == 1.0 else "地址相近")
    if not (same_caller or (same_place and matter_points >= 0.20)):
        return None
    score = min(score, 1.0) * (1 - 0.2 * (age / window))
    if score < rules.min_score:
        return None
    return DuplicateSuggestion(earlier.case_id, round(score, 3), tuple(reasons), earlier.received_at)


def suggest_duplicates(
    new: IntakeRecord, earlier: Iterable[IntakeRecord], rules: DuplicateRules | None = None
) -> list[DuplicateSuggestion]:
    """Earlier cases worth showing as possible duplicates, best first."""
    rules = rules or DuplicateRules()
    found = [s for e in earlier if (s := score_pair(new, e, rules)) is not None]
    found.sort(key=lambda s: (-s.score, -s.received_at.timestamp(), s.earlier_case_id))
    return found[: rules.max_suggestions]


# -- unreasonable requests --------------------------------------------------------------------

class UnreasonableCategory(StrEnum):
    BEYOND_POLICY = "超出政策规定"
    REPEATED_AFTER_ANSWER = "已答复仍反复诉求"
    UNLAWFUL_DEMAND = "诉求于法无据"
    HARASSMENT = "恶意骚扰"


@dataclass(frozen=True, slots=True)
class UnreasonableFlag:
    """不合理诉求: a category and the explanation (kept on the case, shown to leads)."""

    category: UnreasonableCategory
    detail: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "category", UnreasonableCategory(self.category))
        if len(self.detail.strip()) < 6:
            raise DispatchRuleError(
                "请写明认定为不合理诉求的具体原因（至少 6 个字）。",
                "Explain why the request is unreasonable (at least 6 characters).",
                code="reason",
            )

    @property
    def reason(self) -> str:
        """The text for DispatchFlow.flag_unreasonable."""
        return f"{self.category.value}：{self.detail.strip()}"
