"""``seat-admin analysis ...`` (filled by its capability)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Adds the ``analysis`` command group (none yet)."""
