"""Colours live in resources/styles/seat.qss; widgets only say what state they are in."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def set_style_property(widget: QWidget, name: str, value: object) -> None:
    """Set the dynamic property ``name`` that seat.qss selects on (``QLabel[error="true"]``)
    and restyle the widget (Qt does not re-read the style sheet when a property changes)."""
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
