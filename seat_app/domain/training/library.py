"""The training data files, read from a folder (``resources/training`` in Seat; phase-2
services pass ``resources_dir() / "training"``). The only module here that reads files.

- ``rubric-v<N>.toml``: practice rubrics, one file per version (the highest is current);
- ``forbidden_phrases.txt``: the 禁语 list shared with quality inspection;
- ``scenarios.json``: ``{"format": "seat-training-scenarios/1", "scenarios": [...]}``.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

from seat_app.domain.training.errors import RowProblem, ScenarioImportError
from seat_app.domain.training.practice import parse_phrases
from seat_app.domain.training.rubric import Rubric, rubric_from_dict
from seat_app.domain.training.scenario import Scenario, load_scenarios, scenario_to_dict

SCENARIOS_FORMAT = "seat-training-scenarios/1"
_RUBRIC_FILE = re.compile(r"^rubric-v(\d+)\.toml$")


@dataclass(frozen=True, slots=True)
class Library:
    rubrics: tuple[Rubric, ...]
    """Every version, oldest first."""
    forbidden: tuple[str, ...]
    scenarios: tuple[Scenario, ...]

    @property
    def rubric(self) -> Rubric:
        """The current (highest) version."""
        return self.rubrics[-1]

    def scenario(self, sid: str) -> Scenario:
        return next(s for s in self.scenarios if s.id == sid)


def load_rubrics(folder: Path) -> tuple[Rubric, ...]:
    found = []
    for p in folder.iterdir():
        m = _RUBRIC_FILE.match(p.name)
        if m:
            r = rubric_from_dict(tomllib.loads(p.read_text("utf-8")))
            found.append(r)
    return tuple(sorted(found, key=lambda r: r.version))


def parse_scenarios_json(text: str, *, first_row: int = 1,
                         units: Collection[str] | None = None,
                         kb_exists: Callable[[str], bool] | None = None,
                         existing_ids: Collection[str] = ()) -> list[Scenario]:
    """Scenarios from a JSON document (the library format, or a bare list). Row numbers
    in errors are 1-based positions in the list; the checks are those of ``load_scenarios``."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ScenarioImportError([RowProblem(exc.lineno, "*", f"JSON 格式错误：{exc.msg}",
                                              f"invalid JSON: {exc.msg}")]) from None
    rows = doc.get("scenarios") if isinstance(doc, dict) else doc
    if not isinstance(rows, list):
        raise ScenarioImportError([RowProblem(1, "scenarios", "缺少场景列表",
                                              "no list of scenarios")])
    return load_scenarios(rows, first_row=first_row, units=units, kb_exists=kb_exists,
                          existing_ids=existing_ids)


def scenarios_json(scenarios: Collection[Scenario]) -> str:
    return json.dumps({"format": SCENARIOS_FORMAT,
                       "scenarios": [scenario_to_dict(s) for s in scenarios]},
                      ensure_ascii=False, indent=1) + "\n"


def load_library(folder: Path, *, units: Collection[str] | None = None,
                 kb_exists: Callable[[str], bool] | None = None) -> Library:
    rubrics = load_rubrics(folder)
    forbidden = parse_phrases((folder / "forbidden_phrases.txt").read_text("utf-8"))
    scenarios = parse_scenarios_json((folder / "scenarios.json").read_text("utf-8"),
                                     units=units, kb_exists=kb_exists)
    return Library(rubrics, forbidden, tuple(scenarios))
