"""The seat window's actions (menus, shortcuts, their texts) and the F1 shortcut sheet."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMainWindow,
    QMenu,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from seat_app.domain.case import Handling
from seat_app.domain.queue import SeatState
from seat_app.qt.seat.host import SeatHost

MENUS = ("call", "go", "script", "after", "view", "help")


class ShortcutSheet(QDialog):
    """F1: every action of the window with its shortcut."""

    def __init__(self, actions: list[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutSheet")
        self.setWindowTitle(self.tr("快捷键一览"))
        self.view = QTextBrowser()
        rows = []
        for action in actions:
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            label = action.text().replace("&", "")
            rows.append(f"<tr><td><b>{html.escape(keys)}</b></td><td>{html.escape(label)}</td></tr>")
        keys_title = html.escape(self.tr("快捷键"))
        action_title = html.escape(self.tr("操作"))
        self.view.setHtml(
            f"<table cellspacing='0' cellpadding='4'>"
            f"<tr><th align='left'>{keys_title}</th>"
            f"<th align='left'>{action_title}</th></tr>{''.join(rows)}</table>"
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        self.resize(460, 620)

    def text(self) -> str:
        return self.view.toPlainText()


def action_spec(self: SeatHost) -> list[tuple[str, str, Callable[[], Any], str]]:
    """(name, shortcut, slot, menu) of every action of the window."""
    spec: list[tuple[str, str, Callable[[], Any], str]] = [
        # name, shortcut, slot, menu
        ("accept", "F2", self.accept_call, "call"),
        ("end_call", "F4", self.end_call, "call"),
        ("ready", "F5", self.become_ready, "call"),
        ("break", "F9", self.toggle_break, "call"),
        ("save", "Ctrl+S", self.save_case, "call"),
        ("direct", "Ctrl+1", lambda: self.choose_handling(Handling.DIRECT), "call"),
        ("dispatch", "Ctrl+2", lambda: self.choose_handling(Handling.DISPATCH), "call"),
        ("sync", "Ctrl+Shift+Y", self.sync_now, "call"),
        ("practice", "Ctrl+Shift+P", self.toggle_practice, "call"),
        ("quit", "Ctrl+Q", self.close, "call"),
        ("matter", "Ctrl+M", self.case_form.focus_matter, "go"),
        ("description", "Ctrl+D", self.case_form.focus_description, "go"),
        ("kb_search", "Ctrl+K", self.knowledge.focus_search, "go"),
        ("kb_results", "Ctrl+J", self.knowledge.ui.resultList.setFocus, "go"),
        ("insert_answer", "Ctrl+I", self.knowledge.insert_answer, "go"),
        ("history", "Ctrl+H", self.history_panel.tree.setFocus, "go"),
        ("next_step", "F6", self.script_panel.next_step, "script"),
        ("previous_step", "Shift+F6", self.script_panel.previous_step, "script"),
        ("back_to_call", "Ctrl+Shift+C", self.script_panel.back_to_call, "script"),
    ]
    for script in self.script_panel.scripts.values():
        if script.kind == "special" and script.hotkey:
            spec.append(
                (
                    f"script_{script.id}",
                    script.hotkey,
                    lambda sid=script.id: self.script_panel.show_special(sid),
                    "script",
                )
            )
    spec += [
        ("timeline", "Ctrl+T", self.show_timeline, "after"),
        ("dup_link", "Ctrl+Shift+D", self.link_duplicate, "after"),
        ("dup_ignore", "Ctrl+Shift+X", self.ignore_duplicate, "after"),
        ("messages", "Ctrl+Shift+M", self.acknowledge_messages, "after"),
        ("callbacks", "Ctrl+Shift+H", self.open_callbacks, "after"),
        ("conflicts", "Ctrl+Shift+R", self.show_conflicts, "after"),
    ]
    spec += [
        ("lang_en", "Ctrl+Shift+L", lambda: self.language_change_requested.emit("en"), "view"),
        ("lang_zh", "Ctrl+Shift+K", lambda: self.language_change_requested.emit("zh"), "view"),
        ("shortcuts", "F1", self.show_shortcuts, "help"),
        ("about", "Ctrl+F1", self.show_about, "help"),
    ]
    return spec


def install_actions(window: QMainWindow, host: SeatHost) -> tuple[dict[str, QMenu], dict[str, QAction]]:
    """The window's menus and its actions (window-wide shortcuts), by key and by name."""
    menus = {key: window.menuBar().addMenu("") for key in MENUS}
    actions: dict[str, QAction] = {}
    for name, keys, slot, menu in action_spec(host):
        action = QAction(window)
        action.setObjectName(f"action_{name}")
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False, s=slot: s())
        menus[menu].addAction(action)
        window.addAction(action)
        actions[name] = action
    return menus, actions


def update_enabled(host: SeatHost) -> None:
    """Which actions (and the case form) the seat state allows."""
    s, on_case, actions = host.seat_state, host.calls.on_case, host.actions_by_name
    actions["accept"].setEnabled(s == SeatState.RINGING)
    actions["end_call"].setEnabled(s == SeatState.ON_CALL)
    actions["ready"].setEnabled(s in (SeatState.AFTER_CALL_WORK, SeatState.OFFLINE))
    actions["break"].setEnabled(s in (SeatState.READY, SeatState.BREAK))
    for name in ("save", "direct", "dispatch"):
        actions[name].setEnabled(on_case)
    for name in ("dup_link", "dup_ignore"):
        actions[name].setEnabled(on_case and host.duplicates.wired)
    host.case_form.setEnabled(on_case)


def listed_keys(owner: QWidget, keys: list[tuple[str, str]], cache: dict[str, QAction]) -> list[QAction]:
    """Actions for F1 only, never added to a widget (a panel owns the key): one per
    (shortcut, text), kept in ``cache`` across calls."""
    listed = []
    for shortcut, text in keys:
        action = cache.get(shortcut)
        if action is None:
            action = cache[shortcut] = QAction(owner)
            action.setShortcut(QKeySequence(shortcut))
        action.setText(text)
        listed.append(action)
    return listed
