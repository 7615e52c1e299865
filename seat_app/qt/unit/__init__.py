"""The handling unit's role view (承办单位工作台) and the reusable case timeline widget."""

from seat_app.qt.unit.view import UnitView, open_unit_view
from seat_app.qt.widgets.timeline import CaseTimeline

__all__ = ["CaseTimeline", "UnitView", "open_unit_view"]
