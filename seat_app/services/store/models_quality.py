"""Central tables of the quality capability (migration 0402_quality.py)."""

from __future__ import annotations
