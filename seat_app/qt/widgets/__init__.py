"""Widgets shared by the role folders (seat, lead, unit, callback): the case timeline, the
case-list behaviour and the texts of refused actions. The role folders never import each
other (import-linter: "The role folders of qt are independent")."""

from seat_app.qt.widgets.case_list import CaseListMixin
from seat_app.qt.widgets.messages import rule_message
from seat_app.qt.widgets.timeline import CaseTimeline

__all__ = ["CaseListMixin", "CaseTimeline", "rule_message"]
