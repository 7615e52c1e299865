"""Corrections are data: when a lead or a unit changes a case's matter (pre-review, return,
re-dispatch), the case's text with the new matter becomes a training example that outweighs
the original (weight :data:`training.CORRECTION_WEIGHT`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from seat_app.domain.taxonomy import is_matter
from seat_app.services.intake.errors import UnknownMatter
from seat_app.services.intake.training import CORRECTION_WEIGHT, TrainingExample


@dataclass(frozen=True)
class Correction:
    case_id: str
    text: str
    old_matter: str
    new_matter: str
    who: str
    """work number of whoever changed it"""
    stage: str = ""
    """pre-review, return, re-dispatch ..."""


def correction_example(case_text: str, old_matter: str, new_matter: str, who: str,
                       *, weight: float = CORRECTION_WEIGHT) -> TrainingExample | None:
    """The training example a matter change teaches; None when nothing changed or the
    text is empty. Unknown matters raise :class:`UnknownMatter`."""
    for name in (old_matter, new_matter):
        if name and not is_matter(name):
            raise UnknownMatter(name)
    if old_matter == new_matter or not (case_text or "").strip():
        return None
    return TrainingExample(case_text, new_matter, weight, f"correction:{who}")


def examples_from(corrections: Iterable[Correction]) -> list[TrainingExample]:
    """Training examples of ``corrections``; a case corrected twice keeps its latest."""
    latest: dict[str, Correction] = {}
    for c in corrections:
        latest[c.case_id] = c
    out = []
    for c in latest.values():
        ex = correction_example(c.text, c.old_matter, c.new_matter, c.who)
        if ex is not None:
            out.append(ex)
    return out


def final_cases(cases: Iterable[tuple[str, str, str]],
                corrections: Iterable[Correction]) -> list[tuple[str, str]]:
    """(text, final matter) of ``cases`` given as (case id, text, matter), a corrected
    case taking its latest corrected matter (for callers whose case rows predate it)."""
    latest = {c.case_id: c.new_matter for c in corrections}
    return [(text, latest.get(case_id, matter)) for case_id, text, matter in cases]
