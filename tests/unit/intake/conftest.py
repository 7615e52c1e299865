"""A model trained once per session on the knowledge base's phrases alone (a few seconds)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "data" / "intake" / "written_requests.jsonl"


@pytest.fixture(scope="session")
def kb_model():
    from seat_app.services.intake import train

    model, report = train(min_cases=0)
    return model, report


@pytest.fixture(scope="session")
def written() -> list[dict]:
    return [json.loads(line) for line in DATA.read_text("utf-8").splitlines() if line.strip()]
