"""The form follower: the script panel, knowledge search, unit suggestion and duplicate
advisor follow what the agent types; the caller history, the case timeline and the callback
work list open from the form's context."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from seat_app.domain.case import Channel, Handling
from seat_app.domain.roles import mask_phone
from seat_app.domain.taxonomy import is_matter, matter_by_name
from seat_app.qt.i18n import error_text
from seat_app.qt.ports import is_wired
from seat_app.qt.seat.after_call import TimelineDialog
from seat_app.qt.seat.calls import case_channel
from seat_app.qt.seat.history_panel import CASE_ROLE
from seat_app.qt.seat.host import SeatHost, SeatPart
from seat_app.qt.workers import Op

log = logging.getLogger(__name__)


class FormFollower(SeatPart):
    def __init__(self, host: SeatHost) -> None:
        super().__init__(host)
        self.suggested_unit = ""
        self.timeline_dialog: TimelineDialog | None = None
        self.callback_window: QWidget | None = None

    def start_call(self, item: dict[str, Any]) -> None:
        """The accepted call's item fills the form; the greeting script starts."""
        w = self.w
        channel = case_channel(item.get("channel", Channel.PHONE.value))
        online = channel != Channel.PHONE.value
        w.case_form.load(
            {
                "channel": channel,
                "caller_phone": item.get("phone", ""),
                "caller_area": item.get("area") or w.services.area,
                "caller_name": item.get("caller_name", "") if online else "",
                "description": item.get("description", ""),
            }
        )
        w.script_panel.start_call({"工号": w.services.work_no})
        self.update_script_variables()
        self.load_history(str(item.get("phone", "")))
        if online:
            w.case_form.focus_matter()
        else:
            w.case_form.ui.callerEdit.setFocus()

    def on_changed(self) -> None:
        if not self.w.calls.on_case:
            return
        self.w.drafts.changed()
        self.w.update_script_variables()
        data = self.w.case_form.data()
        if data["caller_name"]:
            self.w.script_panel.follow_stage("request")
        self.w.knowledge.search_from_form(
            data["matter"] if is_matter(data["matter"]) else "",
            data["description"],
            data["caller_area"],
        )
        self.w.duplicates.schedule(data)

    def update_script_variables(self) -> None:
        d = self.w.case_form.data()
        dispatch = d["handling"] == Handling.DISPATCH
        self.w.script_panel.set_variables(
            工号=self.w.services.work_no,
            来电人=d["caller_name"],
            工单号=self.w.case_number,
            承办单位=d["handling_unit"] if dispatch else "",
            时限=self.tr("%1个工作日").replace("%1", str(d["deadline_days"])) if dispatch else "",
        )

    def on_matter_chosen(self, name: str) -> None:
        if is_matter(name):
            m = matter_by_name(name)
            self.w.script_panel.follow_matter(m.name, m.subcategory, m.domain)
            self._suggest_unit()

    def _suggest_unit(self) -> None:
        d = self.w.case_form.data()
        if is_matter(d["matter"]):
            matter, area, fn = d["matter"], d["caller_area"], self.w.services.cases.suggest_unit
            Op(self.w.runners.local, lambda: fn(matter, area)).success(
                self._on_unit_suggested
            ).run()

    def _on_unit_suggested(self, suggestion: Any) -> None:
        current = self.w.case_form.ui.unitEdit.text().strip()
        if not suggestion or (current and current != self.suggested_unit):
            return  # the agent typed a unit: keep it
        self.suggested_unit = str(suggestion.get("unit", ""))
        self.w.case_form.ui.unitEdit.setText(self.suggested_unit)
        if suggestion.get("deadline_days"):
            self.w.case_form.ui.deadlineSpin.setValue(int(suggestion["deadline_days"]))

    def choose_handling(self, value: str) -> None:
        """Ctrl+1 / Ctrl+2: ``value`` is a Handling (its value or script mode)."""
        if not self.w.calls.on_case:
            return
        handling = Handling.of(value)
        self.w.case_form.set_handling(handling)
        self.on_handling_chosen(handling)
        self.w.case_form.changed.emit()
        form = self.w.case_form.ui
        (form.unitEdit if handling == Handling.DISPATCH else form.replyEdit).setFocus()

    def on_handling_chosen(self, value: str) -> None:
        handling = Handling.of(value)
        self.w.script_panel.follow_mode(handling.mode)
        self.w.script_panel.follow_stage("handling")  # the script's stage name (script_flow)
        self.w.update_script_variables()
        if handling == Handling.DISPATCH and not self.w.case_form.ui.unitEdit.text().strip():
            self._suggest_unit()

    def on_answer_inserted(self, text: str) -> None:
        if self.w.calls.on_case:
            self.w.case_form.insert_reply(text)
            self.w.drafts.kb_used = dict(self.w.knowledge.current_entry or {})

    def load_history(self, phone: str) -> None:
        if not phone:
            self.w.history_panel.clear()
            return
        self.w.history_panel.show_loading(mask_phone(phone))
        fn = self.w.services.history
        self.w.runners.local.submit(
            lambda: fn(phone), lambda r, e: self._on_history_loaded(phone, r, e)
        )

    def _on_history_loaded(self, phone: str, cases: Any, error: Any) -> None:
        if self.w.calls.item is None or str(self.w.calls.item.get("phone", "")) != phone:
            return
        if error is not None:
            self.w.history_panel.show_failed(mask_phone(phone))
        else:
            self.w.history_panel.show_cases(mask_phone(phone), list(cases or []))

    def show_timeline(self, item: Any = None) -> None:
        """The timeline of the case chosen in the caller history (Enter, double click, Ctrl+T),
        else of the case of this call once saved."""
        if item is None or isinstance(item, bool):
            item = self.w.history_panel.tree.currentItem()
        case: dict[str, Any] | None = item.data(0, CASE_ROLE) if item is not None else None
        if not case and self.w.case_id:
            case = {"id": self.w.case_id, "case_number": self.w.case_number, "status": ""}
        if not case or not case.get("id"):
            self.w.show_notice(
                self.tr("请先在来电历史中选择一张工单（Ctrl+H，上下键选择，回车查看）。"), "info"
            )
            return
        dialog = self.timeline_dialog = self.timeline_dialog or TimelineDialog(self.view)
        case_id = str(case["id"])
        dialog.show_loading(case_id, case)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        if not is_wired(self.w.services.dispatch):
            dialog.show_failed(self.tr("未连接中心库"))
            return
        dispatch = self.w.services.dispatch
        self.w.runners.central.submit(
            lambda: dispatch.case_view(case_id),
            lambda r, e: self._on_timeline_loaded(case_id, r, e),
        )

    def _on_timeline_loaded(self, case_id: str, view: Any, error: Any) -> None:
        dialog = self.timeline_dialog
        if dialog is None or dialog.case_id != case_id:
            return
        if error is not None:
            log.info("timeline of %s: %s", case_id, error)
            dialog.show_failed(error_text(error, bare=True))
        else:
            dialog.show_view(view)

    def _add_dialing(self, worklist: Any) -> None:
        """With a phone on the seat: Ctrl+Alt+D (and the context menu) dials the selected
        caller, and an outbound call's result fills the survey note."""
        phone = getattr(self.w, "phone", None)
        if phone is None:
            return
        # lazy: start-up: the dial widgets load with the first callback window on a phone
        from seat_app.qt.widgets.tel_dial import call_result_note, dial_action

        dial_action(
            worklist, lambda: (worklist.current_row() or {}).get("caller_phone"), phone.dial
        )

        def on_recorded(record: Any) -> None:
            if getattr(record, "direction", "") == "outbound":
                worklist.note_edit.setText(call_result_note(record))

        phone.recorded.connect(on_recorded)

    def open_callbacks(self) -> QWidget | None:
        """The callback work list (回访) in its own window."""
        factory = self.w.services.callbacks
        if factory is None:
            self.w.show_notice(self.tr("回访工作台未连接中心库，暂不可用。"), "warn")
            return None
        window = self.callback_window
        if window is None:
            window = self.callback_window = factory(self.w.runners.central)
            window.setParent(self.view, Qt.WindowType.Window)
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
            window.resize(1200, 720)
            self._add_dialing(window)
        else:
            window.refresh()
        window.show()
        window.raise_()
        window.activateWindow()
        return window
