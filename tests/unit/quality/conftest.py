from __future__ import annotations

import json

import pytest

from seat_app.domain.quality import (
    DEFAULT_FORM_FILE,
    PrecheckContext,
    PrecheckRules,
    load_form,
    parse_phrases,
)
from seat_app.domain.quality.faults import demo_kb, grid_from_data
from seat_app.services.config import resources_dir

QUALITY = resources_dir() / "quality"


@pytest.fixture(scope="session")
def form():
    return load_form(QUALITY / DEFAULT_FORM_FILE)


@pytest.fixture(scope="session")
def rules():
    return PrecheckRules.from_data(json.loads((QUALITY / "precheck-rules.json").read_text("utf-8")))


@pytest.fixture(scope="session")
def phrases():
    # the 禁语 list is shared with practice scoring (issue 14)
    return parse_phrases((resources_dir() / "training" / "forbidden_phrases.txt").read_text("utf-8"))


@pytest.fixture(scope="session")
def grid():
    return grid_from_data(json.loads((resources_dir() / "grid" / "demo-grid.json")
                                     .read_text("utf-8")))


@pytest.fixture(scope="session")
def kb():
    return demo_kb(3)


@pytest.fixture(scope="session")
def ctx(rules, phrases, kb, grid):
    return PrecheckContext(rules, phrases, kb, grid)
