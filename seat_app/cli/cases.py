"""``seat-admin cases ...`` (filled by its capability)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Adds the ``cases`` command group (none yet)."""
