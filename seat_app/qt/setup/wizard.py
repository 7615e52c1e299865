"""The first-run wizard: shown when a computer has no Seat settings yet (and ``--demo`` is
not given). It asks the language; the embedded single-machine database or a central server
(with "test connection", one clear message per failure); the seat code and area; the data
folder. A page the site preset already decides is skipped. Nothing is written before
"Finish", and nothing to a central server ever (it is only read)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from seat_app.domain.taxonomy import AREAS
from seat_app.qt.workers import Runner, ThreadRunner
from seat_app.services.config import Settings, TelephonySettings, default_home
from seat_app.services.deploy import CentralCheck, Preset, check_central, configure_seat

PAGE_LANGUAGE, PAGE_DATA, PAGE_SEAT, PAGE_PHONE, PAGE_FOLDER = range(5)


class LanguagePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("语言 Language"))
        self.chinese = QRadioButton("中文")
        self.english = QRadioButton("English")
        self.chinese.setChecked(True)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Seat 的界面语言（以后可在菜单中切换）：")))
        layout.addWidget(self.chinese)
        layout.addWidget(self.english)

    def language(self) -> str:
        return "en_US" if self.english.isChecked() else "zh_CN"


class DataPage(QWizardPage):
    """Embedded file or a central server; a server must pass "test connection"."""

    checked = Signal(object)

    def __init__(self, runner: Runner, language: Callable[[], str]) -> None:
        super().__init__()
        self.runner = runner
        self.language = language
        self.result: CentralCheck | None = None
        self._tested_url = ""
        self.setTitle(self.tr("数据保存在哪里"))
        self.embedded = QRadioButton(self.tr("仅本机（内置数据库，单机使用）"))
        self.central = QRadioButton(self.tr("中心服务器（PostgreSQL，多个座席共用）"))
        self.embedded.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.embedded)
        group.addButton(self.central)
        self.url = QLineEdit()
        self.url.setPlaceholderText("postgresql://seat@db.example:5432/seat")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("仅用于测试连接，不会保存"))
        self.test = QPushButton(self.tr("测试连接(&T)"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow(self.tr("服务器地址："), self.url)
        form.addRow(self.tr("密码："), self.password)
        row = QHBoxLayout()
        row.addWidget(self.test)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.embedded)
        layout.addWidget(self.central)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(self.status)
        for w in (self.embedded, self.central):
            w.toggled.connect(self._mode_changed)
        self.url.textChanged.connect(self._url_changed)
        self.test.clicked.connect(self.run_test)
        self._mode_changed()

    def central_url(self) -> str:
        return self.url.text().strip() if self.central.isChecked() else ""

    def _mode_changed(self) -> None:
        on = self.central.isChecked()
        for w in (self.url, self.password, self.test):
            w.setEnabled(on)
        self.completeChanged.emit()

    def _url_changed(self) -> None:
        self.result = None
        self.status.clear()
        self.completeChanged.emit()

    def run_test(self) -> None:
        url, password = self.url.text().strip(), self.password.text() or None
        if not url:
            self.status.setText(self.tr("请先填写服务器地址。"))
            return
        self.test.setEnabled(False)
        self.status.setText(self.tr("正在连接……"))
        self._tested_url = url

        def done(result: CentralCheck | None, error: BaseException | None) -> None:
            self.test.setEnabled(True)
            if error is not None:
                result = CentralCheck("error", str(error), str(error))
            assert result is not None
            self.result = result
            self.status.setText(("✔ " if result.ok else "✘ ") + result.text(self.language()))
            self.completeChanged.emit()
            self.checked.emit(result)

        self.runner.submit(lambda: check_central(url, password), done)

    def isComplete(self) -> bool:
        if not self.central.isChecked():
            return True
        return bool(self.result and self.result.ok and self._tested_url == self.url.text().strip())


class SeatPage(QWizardPage):
    def __init__(self, preset: Preset | None) -> None:
        super().__init__()
        self.setTitle(self.tr("本座席"))
        self.seat = QLineEdit(Settings().seat_code)
        self.seat.setMaxLength(8)
        self.area = QComboBox()
        self.area.addItems(list(AREAS))
        self.area.setCurrentText(Settings().area)
        form = QFormLayout(self)
        form.addRow(self.tr("座席编号（工单号的一部分）："), self.seat)
        form.addRow(self.tr("默认区域："), self.area)
        if preset is not None and preset.fills("area"):
            self.area.setCurrentText(str(preset.values.get("area", self.area.currentText())))
            self.area.setEnabled(False)
        self.seat.textChanged.connect(self.completeChanged)

    def isComplete(self) -> bool:
        code = self.seat.text().strip()
        return bool(code) and code.isascii() and code.isalnum()


class PhonePage(QWizardPage):
    """The agent's telephone: desk phone (F3 intake), the baresip softphone or a CTI bridge."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("话机"))
        self.kind = QComboBox()
        self.kind.addItem(self.tr("座机（来电手工登记，F3）"), "manual")
        self.kind.addItem(self.tr("本机软电话 baresip（SIP）"), "baresip")
        self.kind.addItem(self.tr("呼叫中心 CTI 桥接"), "cti")
        self.host = QLineEdit("127.0.0.1")
        self.port = QLineEdit("0")
        self.port.setPlaceholderText(self.tr("0：默认端口"))
        self.dial_domain = QLineEdit()
        self.dial_domain.setPlaceholderText("pbx.example:5060")
        form = QFormLayout(self)
        form.addRow(self.tr("话机类型："), self.kind)
        form.addRow(self.tr("地址："), self.host)
        form.addRow(self.tr("端口："), self.port)
        form.addRow(self.tr("外呼经由（PBX）："), self.dial_domain)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.port.textChanged.connect(self.completeChanged)
        self._kind_changed()

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        for w in (self.host, self.port):
            w.setEnabled(kind != "manual")
        self.dial_domain.setEnabled(kind == "baresip")
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        text = self.port.text().strip()
        return text.isdigit() and int(text) <= 65535

    def settings(self) -> TelephonySettings:
        kind = str(self.kind.currentData())
        if kind == "manual":
            return TelephonySettings()
        return TelephonySettings(adapter=kind, host=self.host.text().strip() or "127.0.0.1",
                                 port=int(self.port.text().strip() or 0),
                                 dial_domain=self.dial_domain.text().strip())


class FolderPage(QWizardPage):
    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.setTitle(self.tr("数据文件夹"))
        self.folder = QLineEdit(str(folder))
        browse = QPushButton(self.tr("浏览(&B)…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("工单草稿、本机数据与知识库索引保存在：")))
        layout.addLayout(row)
        self.folder.textChanged.connect(self.completeChanged)
        if os.environ.get("SEAT_HOME"):  # --home / SEAT_HOME decides the folder
            self.folder.setEnabled(False)
            browse.setEnabled(False)
            layout.addWidget(QLabel(self.tr("（由 --home 或 SEAT_HOME 指定）")))

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("数据文件夹"), self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def isComplete(self) -> bool:
        return bool(self.folder.text().strip())


class FirstRunWizard(QWizard):
    """The wizard; ``home`` is set once it finished and wrote the settings."""

    def __init__(self, *, preset: Preset | None = None, folder: Path | None = None,
                 runner: Runner | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preset = preset
        self.home = None
        self.error: BaseException | None = None
        self.runner = runner or ThreadRunner(1, "seat-setup")
        self.setWindowTitle(self.tr("Seat 首次设置"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.language_page = LanguagePage()
        self.data_page = DataPage(self.runner, self.chosen_language)
        self.seat_page = SeatPage(preset)
        self.folder_page = FolderPage(folder or default_home())
        self.phone_page = PhonePage()
        self.skipped: list[int] = []
        pages = ((PAGE_LANGUAGE, self.language_page, "language"),
                 (PAGE_DATA, self.data_page, "central_url"),
                 (PAGE_SEAT, self.seat_page, "seat_code"),
                 (PAGE_PHONE, self.phone_page, "telephony"),
                 (PAGE_FOLDER, self.folder_page, "data_folder"))
        for page_id, page, key in pages:
            if preset is not None and preset.fills(key) and page_id != PAGE_SEAT:
                self.skipped.append(page_id)
                continue
            self.setPage(page_id, page)

    def chosen_language(self) -> str:
        """"en" or "zh": the language page's choice, else the preset's."""
        if PAGE_LANGUAGE in self.skipped and self.preset is not None:
            return "en" if str(self.preset.values.get("language", "")).startswith("en") else "zh"
        return "en" if self.language_page.english.isChecked() else "zh"

    def accept(self) -> None:
        preset = self.preset
        language = None if PAGE_LANGUAGE in self.skipped else self.language_page.language()
        central = "" if PAGE_DATA in self.skipped else self.data_page.central_url()
        folder = Path(self.folder_page.folder.text().strip()).expanduser()
        try:
            self.home, _ = configure_seat(
                folder, central_url=central, seat_code=self.seat_page.seat.text().strip(),
                area=self.seat_page.area.currentText(), language=language, preset=preset,
                check=False,  # the server was checked on the data page
                remember_folder=self.folder_page.folder.isEnabled(),
                telephony=self.phone_page.settings())
        except Exception as exc:  # noqa: BLE001 - shown, nothing written, the wizard stays
            self.error = exc
            text = getattr(exc, self.chosen_language(), None)
            self.folder_page.setSubTitle(text or str(exc))
            return
        super().accept()


def run_first_run_wizard(preset: Preset | None = None, folder: Path | None = None):
    """Show the wizard modally; the configured ``SeatHome``, or None when cancelled."""
    wizard = FirstRunWizard(preset=preset, folder=folder)
    wizard.exec()
    return wizard.home
