"""The seat window's layout: the lines above the panels and the three resizable columns
(script over caller history | case form | knowledge panel)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget


def line_label(object_name: str, *, centered: bool = False, wrap: bool = False) -> QLabel:
    """A hidden one-line label above the panels (the ring banner, the notice line)."""
    label = QLabel()
    label.setObjectName(object_name)
    if centered:
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(wrap)
    label.setVisible(False)
    return label


def seat_layout(lines: list[QWidget], script: QWidget, history: QWidget, form: QWidget,
                knowledge: QWidget) -> QWidget:
    """The window's central widget: ``lines`` stacked on top, the three columns below."""
    left = QSplitter(Qt.Orientation.Vertical)
    left.addWidget(script)
    left.addWidget(history)
    left.setSizes([520, 240])
    main = QSplitter(Qt.Orientation.Horizontal)
    for panel in (left, form, knowledge):
        main.addWidget(panel)
    main.setSizes([360, 560, 480])
    main.setChildrenCollapsible(False)
    central = QWidget()
    layout = QVBoxLayout(central)
    layout.setContentsMargins(4, 4, 4, 0)
    for widget in lines:
        layout.addWidget(widget)
    layout.addWidget(main, 1)
    return central
