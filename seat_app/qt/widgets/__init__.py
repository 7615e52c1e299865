"""Widgets shared by the role folders (seat, lead, unit, callback): the case timeline, the
case-list behaviour (a refused action's text comes from ``seat_app.qt.i18n.error_text``). The role folders never import each
other (import-linter: "The role folders of qt are independent")."""

from seat_app.qt.widgets.case_list import CaseListMixin
from seat_app.qt.widgets.timeline import CaseTimeline

__all__ = ["CaseListMixin", "CaseTimeline"]
