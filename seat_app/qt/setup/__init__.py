"""The first-run wizard (``FirstRunWizard``, ``run_first_run_wizard``): language, embedded
or central data with a connection test, seat code and area, data folder; pages a site preset
decides are skipped."""

from __future__ import annotations

from seat_app.qt.setup.wizard import FirstRunWizard, run_first_run_wizard

__all__ = ["FirstRunWizard", "run_first_run_wizard"]
