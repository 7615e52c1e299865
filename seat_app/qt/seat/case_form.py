"""Case form: what the agent records, as one dict; every edit emits ``changed``."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QWidget

from seat_app.domain.case import Channel
from seat_app.domain.taxonomy import AREAS, is_matter, matter_by_name
from seat_app.qt.forms.ui_case_form import Ui_CaseForm
from seat_app.qt.seat.matter_picker import MatterPicker

FIELDS: tuple[str, ...] = (
    "channel",
    "phone",
    "caller_name",
    "area",
    "address",
    "matter",
    "description",
    "resolution",
    "unit",
    "deadline_days",
    "reply",
)


class CaseForm(QWidget):
    changed = Signal()
    """Any field changed (drafts autosave on it)."""
    matter_chosen = Signal(str)
    mode_chosen = Signal(str)
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
        self.case_no = ""
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
        self._show_case_no()
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
            "phone": self.ui.phoneEdit.text().strip(),
            "caller_name": self.ui.callerEdit.text().strip(),
            "area": self.ui.areaCombo.currentText(),
            "address": self.ui.addressEdit.text().strip(),
            "matter": matter,
            "description": self.ui.descriptionEdit.toPlainText(),
            "resolution": self.resolution(),
            "unit": self.ui.unitEdit.text().strip(),
            "deadline_days": self.ui.deadlineSpin.value(),
            "reply": self.ui.replyEdit.toPlainText(),
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
            self.ui.phoneEdit.setText(str(data.get("phone", "")))
            self.ui.callerEdit.setText(str(data.get("caller_name", "")))
            area = str(data.get("area") or "")
            if area in AREAS:
                self.ui.areaCombo.setCurrentText(area)
            self.ui.addressEdit.setText(str(data.get("address", "")))
            self.ui.matterEdit.setText(str(data.get("matter", "")))
            self.ui.descriptionEdit.setPlainText(str(data.get("description", "")))
            self.ui.unitEdit.setText(str(data.get("unit", "")))
            self.ui.deadlineSpin.setValue(int(data.get("deadline_days") or 5))
            self.ui.replyEdit.setPlainText(str(data.get("reply", "")))
            self.set_resolution(data.get("resolution"))
            self.case_no = str(data.get("case_no", ""))
        finally:
            self._loading = False
        self._show_channel()
        self._show_case_no()
        self._show_matter_path()
        self.changed.emit()

    def clear(self, area: str | None = None) -> None:
        self.load({"area": area or AREAS[0]})

    def resolution(self) -> str | None:
        if self.ui.directRadio.isChecked():
            return "direct"
        if self.ui.dispatchRadio.isChecked():
            return "dispatch"
        return None

    def set_resolution(self, mode: str | None) -> None:
        for radio in (self.ui.directRadio, self.ui.dispatchRadio):
            radio.setAutoExclusive(False)
        self.ui.directRadio.setChecked(mode == "direct")
        self.ui.dispatchRadio.setChecked(mode == "dispatch")
        for radio in (self.ui.directRadio, self.ui.dispatchRadio):
            radio.setAutoExclusive(True)
        self._set_dispatch_enabled(mode == "dispatch")

    def set_case_no(self, case_no: str) -> None:
        self.case_no = case_no
        self._show_case_no()

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
        if d["resolution"] is None:
            missing.append(self.ui.resolutionLabel.text())
        if d["resolution"] == "dispatch" and not d["unit"]:
            missing.append(self.ui.unitLabel.text())
        if d["resolution"] == "direct" and not d["reply"].strip():
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
                self.mode_chosen.emit("direct")
                self.changed.emit()

    def _on_dispatch_radio_toggled(self, on: bool) -> None:
        if on:
            self._set_dispatch_enabled(True)
            if not self._loading:
                self.mode_chosen.emit("dispatch")
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

    def _show_case_no(self) -> None:
        self.ui.caseNoValue.setText(self.case_no or self.tr("（保存后生成）"))

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
