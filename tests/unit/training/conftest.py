"""Shared fixtures: the starter library as shipped, and the demo grid's unit names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from seat_app.domain.grid import Grid, Unit
from seat_app.domain.training import Library, load_library

RESOURCES = Path(__file__).resolve().parents[3] / "resources"


def demo_grid() -> Grid:
    d = json.loads((RESOURCES / "grid" / "demo-grid.json").read_text("utf-8"))
    units = [Unit(u["code"], u["name"], u["area"], u["unit_type"], u.get("parent") or None,
                  u.get("township", ""), u.get("active", True)) for u in d["units"]]
    return Grid(tuple(units), {k: tuple(v) for k, v in d["townships"].items()})


@pytest.fixture(scope="session")
def grid() -> Grid:
    return demo_grid()


@pytest.fixture(scope="session")
def library(grid: Grid) -> Library:
    return load_library(RESOURCES / "training", units={u.name for u in grid.units})
