"""Central tables of the live capability (migration 0407_live.py)."""

from __future__ import annotations
