"""Where a seat keeps its copy of the published intake model (no database imports, so the
Qt window can find it cheaply)."""

from __future__ import annotations

from pathlib import Path

from seat_app.services.config import SeatHome


def model_path(home: SeatHome) -> Path:
    """The seat's copy of the published model: ``<data folder>/intake/model.bin``."""
    return home.root / "intake" / "model.bin"
