"""Case form: what the agent records, as one dict keyed by the cases table's column names
(``caller_phone``, ``handling``, ``handling_unit``, ``reply_text`` ...); every edit emits
``changed``."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QWidget

from seat_app.domain.case import Channel, Handling
from seat_app.domain.taxonomy import AREAS, is_matter, matter_by_name
from seat_app.qt.forms.ui_case_form import Ui_CaseForm
from seat_app.qt.seat.matter_picker import MatterPicker

FIELDS: tuple[str, ...] = (
    "channel",
    "caller_phone",
    "caller_name",
    "caller_area",
    "caller_address",
    "matter",
    "description",
    "handling",
    "handling_unit",
    "deadline_days",
    "reply_text",
)
"""The form's keys: column names of the cases table, except ``deadline_days`` (the deadline
as working days from today; the case service turns it into ``deadline``)."""


class CaseForm(QWidget):
    changed = Signal()
    """Any field changed (drafts autosave on it)."""
    matter_chosen = Signal(str)
    handling_chosen = Signal(str)
    """The agent chose a Handling (its value) with the radio buttons."""
    save_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_CaseForm()
        self.ui.setupUi(self)
        self.setObjectName("caseForm")
        self.ui.titleLabel.setObjectName("panelTitle")
        self.ui.areaCombo.addItems(list(AREAS))
        self.picker = MatterPicker(self.ui.matterEdit)
        self.channel = Channel.PHONE.value
        self.case_number = ""
        self._loading = False
        self.picker.matter_chosen.connect(self._on_picker_matter_chosen)
        for edit in (self.ui.phoneEdit, self.ui.callerEdit, self.ui.addressEdit, self.ui.unitEdit):
            edit.textChanged.connect(self._on_field_changed)
        self.ui.matterEdit.textChanged.connect(self._on_field_changed)
        self.ui.descriptionEdit.textChanged.connect(self._on_field_changed)
        self.ui.replyEdit.textChanged.connect(self._on_field_changed)
        self.ui.areaCombo.currentIndexChanged.connect(self._on_field_changed)
        self.ui.deadlineSpin.valueChanged.connect(self._on_field_changed)
        self.ui.directRadio.toggled.connect(self._on_direct_radio_toggled)
        self.ui.dispatchRadio.toggled.connect(self._on_dispatch_radio_toggled)
        self.ui.saveButton.clicked.connect(self.save_requested)
        self._set_dispatch_enabled(False)
        self.retranslate()

    # ------------------------------------------------------------------ i18n
    def retranslate(self) -> None:
        self.ui.retranslateUi(self)
        self._show_channel()
        self._show_case_number()
        self._show_matter_path()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ------------------------------------------------------------------ data
    def data(self) -> dict[str, Any]:
        matter = self.ui.matterEdit.text().strip()
        out: dict[str, Any] = {
            "channel": self.channel,
            "caller_phone": self.ui.phoneEdit.text().strip(),
            "caller_name": self.ui.callerEdit.text().strip(),
            "caller_area": self.ui.areaCombo.currentText(),
            "caller_address": self.ui.addressEdit.text().strip(),
            "matter": matter,
            "description": self.ui.descriptionEdit.toPlainText(),
            "handling": self.handling(),
            "handling_unit": self.ui.unitEdit.text().strip(),
            "deadline_days": self.ui.deadlineSpin.value(),
            "reply_text": self.ui.replyEdit.toPlainText(),
        }
        if is_matter(matter):
            m = matter_by_name(matter)
            out["domain"], out["subcategory"] = m.domain, m.subcategory
        return out

    def load(self, data: dict[str, Any]) -> None:
        """Fill the form from a dict (a recovered draft or a queue item); emits ``changed`` once."""
        self._loading = True
        try:
            self.channel = str(data.get("channel") or Channel.PHONE.value)
            self.ui.phoneEdit.setText(str(data.get("caller_phone", "")))
            self.ui.callerEdit.setText(str(data.get("caller_name", "")))
            area = str(data.get("caller_area") or "")
            if area in AREAS:
                self.ui.areaCombo.setCurrentText(area)
            self.ui.addressEdit.setText(str(data.get("caller_address", "")))
            self.ui.matterEdit.setText(str(data.get("matter", "")))
            self.ui.descriptionEdit.setPlainText(str(data.get("description", "")))
            self.ui.unitEdit.setText(str(data.get("handling_unit", "")))
            self.ui.deadlineSpin.setValue(int(data.get("deadline_days") or 5))
            self.ui.replyEdit.setPlainText(str(data.get("reply_text", "")))
            self.set_handling(data.get("handling"))
            self.case_number = str(data.get("case_number", ""))
        finally:
            self._loading = False
        self._show_channel()
        self._show_case_number()
        self._show_matter_path()
        self.changed.emit()

    def clear(self, area: str | None = None) -> None:
        self.load({"caller_area": area or AREAS[0]})

    def handling(self) -> Handling | None:
        if self.ui.directRadio.isChecked():
            return Handling.DIRECT
        if self.ui.dispatchRadio.isChecked():
            return Handling.DISPATCH
        return None

    def set_handling(self, handling: str | None) -> None:
        """Check the radio of ``handling`` (a Handling, its value or its script mode); None or
        anything else clears both."""
        try:
            chosen: Handling | None = Handling.of(handling) if handling else None
        except ValueError:
            chosen = None
        for radio in (self.ui.directRadio, self.ui.dispatchRadio):
            radio.setAutoExclusive(False)
        self.ui.directRadio.setChecked(chosen == Handling.DIRECT)
        self.ui.dispatchRadio.setChecked(chosen == Handling.DISPATCH)
        for radio in (self.ui.directRadio, self.ui.dispatchRadio):
            radio.setAutoExclusive(True)
        self._set_dispatch_enabled(chosen == Handling.DISPATCH)

    def set_case_number(self, case_number: str) -> None:
        self.case_number = case_number
        self._show_case_number()

    def set_draft_state(self, text: str) -> None:
        self.ui.draftState.setText(text)

    def insert_reply(self, text: str) -> None:
        """Insert KB answer text at the reply's cursor (a paragraph of its own)."""
        edit = self.ui.replyEdit
        cursor = edit.textCursor()
        if edit.toPlainText() and not cursor.atBlockStart():
            cursor.insertText("\n")
        cursor.insertText(text)
        edit.setTextCursor(cursor)

    def missing_fields(self) -> list[str]:
        """Fields a save needs, by label (the form's own words)."""
        d = self.data()
        missing = []
        if not is_matter(d["matter"]):
            missing.append(self.ui.matterLabel.text())
        if not d["description"].strip():
            missing.append(self.ui.descriptionLabel.text())
        if d["handling"] is None:
            missing.append(self.ui.resolutionLabel.text())
        if d["handling"] == Handling.DISPATCH and not d["handling_unit"]:
            missing.append(self.ui.unitLabel.text())
        if d["handling"] == Handling.DIRECT and not d["reply_text"].strip():
            missing.append(self.ui.replyLabel.text())
        return missing

    # ------------------------------------------------------------------ slots
    def _on_field_changed(self, *_args: object) -> None:
        if self.sender() is self.ui.matterEdit:
            self._show_matter_path()
        if not self._loading:
            self.changed.emit()

    def _on_picker_matter_chosen(self, name: str) -> None:
        self._show_matter_path()
        self.matter_chosen.emit(name)

    def _on_direct_radio_toggled(self, on: bool) -> None:
        if on:
            self._set_dispatch_enabled(False)
            if not self._loading:
                self.handling_chosen.emit(Handling.DIRECT.value)
                self.changed.emit()

    def _on_dispatch_radio_toggled(self, on: bool) -> None:
        if on:
            self._set_dispatch_enabled(True)
            if not self._loading:
                self.handling_chosen.emit(Handling.DISPATCH.value)
                self.changed.emit()

    def _set_dispatch_enabled(self, on: bool) -> None:
        self.ui.unitEdit.setEnabled(on)
        self.ui.deadlineSpin.setEnabled(on)

    def _show_channel(self) -> None:
        names = {
            Channel.PHONE.value: self.tr("电话"),
            Channel.APP.value: self.tr("APP"),
            Channel.WEBSITE.value: self.tr("网站"),
            Channel.MAILBOX.value: self.tr("市长信箱"),
            Channel.WINDOW.value: self.tr("服务窗口"),
        }
        self.ui.channelValue.setText(names.get(self.channel, self.channel))

    def _show_case_number(self) -> None:
        self.ui.caseNoValue.setText(self.case_number or self.tr("（保存后生成）"))

    def _show_matter_path(self) -> None:
        name = self.ui.matterEdit.text().strip()
        if is_matter(name):
            m = matter_by_name(name)
            self.ui.matterPath.setText(f"{m.domain} / {m.subcategory}")
        else:
            self.ui.matterPath.setText("")

    # ------------------------------------------------------------------ focus
    def focus_matter(self) -> None:
        self.ui.matterEdit.setFocus()
        self.ui.matterEdit.selectAll()

    def focus_description(self) -> None:
        self.ui.descriptionEdit.setFocus()
