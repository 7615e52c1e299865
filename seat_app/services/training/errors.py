"""Errors of the training services; each carries zh and en (``seat-admin`` prints one of
them and exits 1; the windows show it). Data errors of imports are the domain's
``ScenarioImportError`` (every bad row, nothing changed)."""

from __future__ import annotations

from seat_app.domain.training.errors import TrainingError


class NotFound(TrainingError):
    """A scenario, session or result that does not exist (or this login may not see)."""


class NotPermitted(TrainingError):
    """The signed-in user's role may not do this (trainers manage; agents practise)."""


class SessionClosed(TrainingError):
    """The session is closed: no more practice in it."""


class ExportError(TrainingError):
    """An export could not be written; nothing was left half-written."""
