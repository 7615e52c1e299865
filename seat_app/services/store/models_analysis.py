"""Central tables of the analysis capability (migration 0404_analysis.py)."""

from __future__ import annotations
