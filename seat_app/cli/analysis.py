"""``seat-admin analysis ...``: the detectors run centrally, the alerts, the bench and the
weekly/monthly brief (see ``seat_app.services.analysis``)."""

from __future__ import annotations

import argparse

from seat_app.services import config, store


def central_engine(url: str | None):
    """The central database's engine; a missing or damaged embedded file is said, never
    created, and the schema is brought up to date (never created from nothing)."""
    url = url or config.open_home().central_url
    from seat_app.services.store.engine import check_home_central

    check_home_central(url)
    engine = store.make_engine(url)
    if url.startswith("sqlite"):
        store.upgrade(engine, create=False)
    return engine


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Adds the ``analysis`` command group."""
