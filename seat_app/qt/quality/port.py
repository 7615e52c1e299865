"""What the quality views need from the services, as plain callables (tests pass their
own; ``services_port`` builds the real one on the signed-in user's connection)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from seat_app.domain.quality import InspectionForm
from seat_app.services import quality
from seat_app.services.calendar_data import load_calendar


@dataclass(frozen=True)
class QualityPort:
    form: InspectionForm
    day_sample: Callable[[], Sequence[Any]]
    """The inspector's picks (case_id, case_number, agent, rule)."""
    case_view: Callable[[str], Any]
    """case id -> services.quality.workbench.CaseView."""
    save: Callable[[Any, Sequence[Any], Mapping[str, str], bool], Any]
    """(case, reviewed checks, manual outcomes, release) -> SavedEvaluation."""
    my_evaluations: Callable[[], Sequence[Any]]
    item_views: Callable[[str], Sequence[Any]]
    dispute: Callable[[str, str, str], Any]
    """(evaluation id, item id, reason) -> Dispute (raises DisputeRefused)."""
    report: Callable[[str], Mapping[str, Any]]
    """month -> the monthly QA report (services.quality.month_report)."""


def services_port(session: Any, *, calendar: Any = None) -> QualityPort:
    """The real services on ``session`` (a signed-in user: engine, work_no, role)."""
    cal = calendar or load_calendar(strict=False)
    form = quality.default_form()

    def save(case: Any, reviewed: Sequence[Any], manual: Mapping[str, str], release: bool) -> Any:
        return quality.save_evaluation(session, form, case, reviewed, dict(manual), release=release)

    return QualityPort(
        form=form,
        day_sample=lambda: quality.workbench.day_sample(session),
        case_view=lambda cid: quality.workbench.case_view(session, cid),
        save=save,
        my_evaluations=lambda: quality.my_evaluations(session),
        item_views=lambda eid: quality.item_views(session, eid),
        dispute=lambda eid, item, reason: quality.raise_item_dispute(
            session, eid, item, reason, calendar=cal
        ),
        report=lambda month: quality.month_report(session.engine, month),
    )
