"""Central tables of the kb_upkeep capability (migration 0405_kb_upkeep.py)."""

from __future__ import annotations
