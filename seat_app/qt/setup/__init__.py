"""The first-run wizard (``FirstRunWizard``, ``run_first_run_wizard``): language, embedded
or central data with a connection test, seat code and area, data folder; pages a site preset
decides are skipped."""

from __future__ import annotations

from typing import TYPE_CHECKING

from seat_app._lazy import lazy_exports

if TYPE_CHECKING:
    from seat_app.qt.setup.wizard import FirstRunWizard, run_first_run_wizard

# Public names load on first use (start-up: the wizard loads only on a computer that has no
# Seat settings yet).
_EXPORTS = {"FirstRunWizard": "wizard", "run_first_run_wizard": "wizard"}

__all__ = ["FirstRunWizard", "run_first_run_wizard"]

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
