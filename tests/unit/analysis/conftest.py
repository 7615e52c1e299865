"""Shared fixtures of the analysis tests: the gazetteer and templates of resources/analysis."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from seat_app.domain.analysis.location import Gazetteer
from seat_app.domain.analysis.synthetic import Templates

RESOURCES = Path(__file__).resolve().parents[3] / "resources" / "analysis"


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return Gazetteer.from_dict(json.loads((RESOURCES / "gazetteer.json").read_text("utf-8")))


@pytest.fixture(scope="session")
def templates() -> Templates:
    return Templates(json.loads((RESOURCES / "templates.json").read_text("utf-8")))
