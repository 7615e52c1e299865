"""The scenario library in the central database: the starter scenarios and rubrics loaded
once, versioned edits, filters for the trainer's browser, and .xlsx/.json import and export.

Usage::

    from seat_app.services.training import library
    library.ensure_starter(engine)                   # idempotent: starter scenarios, rubric v1
    library.list_scenarios(engine, domains=("城乡建设",), max_difficulty=2)
    library.scenario(engine, "S001")                 # the current version (a Scenario)
    library.save_scenario(engine, s, actor="3001")   # a new version when it changed
    outcome = library.import_file(engine, "new.xlsx", actor="3001")  # all or nothing
    library.export_file(engine, "library.json")      # .xlsx or .json by extension

An import checks every row (the domain's checks: taxonomy, units of the grid, KB codes of
the knowledge base, plus characters that cannot be stored and lengths); with any problem it
raises ``ScenarioImportError`` listing row, column and reason, and nothing changes. A row
whose id exists becomes a new version of that scenario (its results keep the old one).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session

from seat_app.domain.text import text_problem
from seat_app.domain.training import (
    FLAT_FIELDS,
    CaseNotUsable,
    RowProblem,
    Rubric,
    Scenario,
    ScenarioImportError,
    load_library,
    load_scenarios,
    parse_scenarios_json,
    row_to_dict,
    rubric_from_dict,
    rubric_to_dict,
    scenario_from_case,
    scenario_to_dict,
    scenario_to_row,
    scenarios_json,
)
from seat_app.domain.training.errors import TrainingError
from seat_app.domain.training.library import Library
from seat_app.services.config import resources_dir
from seat_app.services.kb.rows import KeyedObject
from seat_app.services.kb.textfile import TextFileRefused, decode
from seat_app.services.store.models import Case, KBEntry, Unit
from seat_app.services.store.models_training import TrainingRubric, TrainingScenario
from seat_app.services.training.errors import ExportError, NotFound

PRACTICE_RUBRIC = "practice"
MAX_IMPORT_ROWS = 5000
_LIMITS = {"id": 40, "title": 200, "matter": 40, "name": 40, "address": 200, "phone": 20}
_MULTILINE = {"facts", "opening", "description", "model_answer"}
LONG_TEXT_LIMIT = 4000
"""Longest opening, fact answer, description or model answer (a case's description holds
4,000 characters)."""
FACTS_CELL_LIMIT = 20_000
"""Longest ``facts`` cell of a spreadsheet row (every fact of the scenario, one a line)."""
SHORT_TEXT_LIMIT = 500
"""Longest other text value (skill, mood, a unit, a KB code, a tag...)."""


def _limit(leaf: str, *, cell: bool = False) -> int:
    """The longest text accepted for the field ``leaf`` (``cell``: a whole spreadsheet cell)."""
    if leaf in _LIMITS:
        return _LIMITS[leaf]
    if cell and (leaf == "facts" or leaf in _LIST_CELLS):
        return FACTS_CELL_LIMIT
    if leaf in _MULTILINE or leaf == "answer":
        return LONG_TEXT_LIMIT
    return SHORT_TEXT_LIMIT


_LIST_CELLS = {"units", "accepted_kb", "key_facts", "forbidden", "red_lines", "calm_steps", "tags"}
"""Spreadsheet columns holding a list separated by ``|``."""


def _too_long(zh_where: str, en_where: str, value: str, limit: int) -> tuple[str, str] | None:
    n = len(value.strip())
    if n <= limit:
        return None
    return (f"{zh_where}超过 {limit} 个字（实有 {n} 字），请删减后再导入",
            f"{en_where} is longer than {limit} characters ({n}); shorten it and import again")


def training_resources() -> Path:
    return resources_dir() / "training"


@lru_cache(maxsize=1)
def starter_library() -> Library:
    """The shipped starter library (scenarios, rubric versions, 禁语), read once."""
    return load_library(training_resources())


def forbidden_phrases() -> tuple[str, ...]:
    return starter_library().forbidden


@dataclass(frozen=True, slots=True)
class ScenarioRow:
    """One scenario as the library browser lists it."""

    scenario_id: str
    version: int
    title: str
    domain: str
    matter: str
    skill: str
    difficulty: int
    channel: str
    source: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.scenario_id, "version": self.version, "title": self.title,
                "domain": self.domain, "matter": self.matter, "skill": self.skill,
                "difficulty": self.difficulty, "channel": self.channel, "source": self.source}


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    added: int
    new_versions: int
    unchanged: int
    checked_units: bool
    checked_kb: bool


@lru_cache(maxsize=4096)
def _parse_scenario(body: str) -> Scenario:
    """A stored scenario body, parsed and checked once (bodies of a version never change)."""
    return load_scenarios([json.loads(body)])[0]


@lru_cache(maxsize=64)
def _parse_rubric(body: str) -> Rubric:
    return rubric_from_dict(json.loads(body))


def _scenario_of(row: TrainingScenario) -> Scenario:
    return _parse_scenario(row.body)


def scenario_in(session: Session, scenario_id: str, version: int | None = None
                ) -> tuple[Scenario, int]:
    """``scenario`` inside an open ORM session (one query)."""
    q = select(TrainingScenario.body, TrainingScenario.version).where(
        TrainingScenario.scenario_id == scenario_id)
    q = q.where(TrainingScenario.version == version) if version is not None \
        else q.where(TrainingScenario.current.is_(True))
    row = session.execute(q).first()
    if row is None:
        raise NotFound(f"练习场景 {scenario_id} 不存在", f"No practice scenario {scenario_id}")
    return _parse_scenario(row[0]), int(row[1])


def _row_values(s: Scenario) -> dict[str, Any]:
    return {"scenario_id": s.id, "title": s.title, "domain": s.domain, "matter": s.matter,
            "skill": str(s.skill), "difficulty": s.difficulty, "channel": s.channel,
            "source": s.source}


def _body(s: Scenario) -> str:
    return json.dumps(scenario_to_dict(s), ensure_ascii=False, sort_keys=True)


def _store(session: Session, scenarios: Iterable[Scenario], actor: str) -> tuple[int, int, int]:
    """Insert each scenario as a new version when its content changed. (added, new
    versions, unchanged)."""
    added = versions = same = 0
    current = {r.scenario_id: r for r in session.scalars(
        select(TrainingScenario).where(TrainingScenario.current.is_(True)))}
    for s in scenarios:
        body = _body(s)
        old = current.get(s.id)
        if old is not None and old.body == body:
            same += 1
            continue
        version = 1
        if old is not None:
            version = (session.scalar(select(func.max(TrainingScenario.version)).where(
                TrainingScenario.scenario_id == s.id)) or 0) + 1
            session.execute(update(TrainingScenario).where(
                TrainingScenario.scenario_id == s.id).values(current=False))
            versions += 1
        else:
            added += 1
        session.add(TrainingScenario(version=version, current=True, body=body,
                                     created_by=actor, **_row_values(s)))
    return added, versions, same


def ensure_starter(engine: Engine, actor: str = "seat") -> int:
    """Load the starter scenarios and the shipped rubric versions when the library has
    none (idempotent). Returns how many scenarios were added."""
    lib = starter_library()
    with Session(engine) as session, session.begin():
        have_rubrics = {(r.rubric_id, r.version) for r in session.scalars(select(TrainingRubric))}
        for r in lib.rubrics:
            if (r.id, r.version) not in have_rubrics:
                session.add(TrainingRubric(
                    rubric_id=r.id, version=r.version, fingerprint=r.fingerprint,
                    body=json.dumps(rubric_to_dict(r), ensure_ascii=False), created_by=actor))
        if session.scalar(select(func.count()).select_from(TrainingScenario)):
            return 0
        added, _, _ = _store(session, lib.scenarios, actor)
    return added


def list_scenarios(engine: Engine, *, domains: Collection[str] = (), matter: str = "",
                   skills: Collection[str] = (), max_difficulty: int = 3,
                   min_difficulty: int = 1, channel: str = "", text: str = "") -> list[ScenarioRow]:
    """The current scenarios matching every filter given, by id."""
    q = select(TrainingScenario).where(TrainingScenario.current.is_(True),
                                       TrainingScenario.difficulty <= max_difficulty,
                                       TrainingScenario.difficulty >= min_difficulty)
    if domains:
        q = q.where(TrainingScenario.domain.in_(list(domains)))
    if skills:
        q = q.where(TrainingScenario.skill.in_(list(skills)))
    if matter:
        q = q.where(TrainingScenario.matter == matter)
    if channel:
        q = q.where(TrainingScenario.channel == channel)
    if text:
        q = q.where(TrainingScenario.title.contains(text) | TrainingScenario.matter.contains(text))
    with Session(engine) as session:
        rows = session.scalars(q.order_by(TrainingScenario.scenario_id)).all()
        return [ScenarioRow(r.scenario_id, r.version, r.title, r.domain, r.matter, r.skill,
                            r.difficulty, r.channel, r.source) for r in rows]


def scenario(engine: Engine, scenario_id: str, version: int | None = None) -> tuple[Scenario, int]:
    """(scenario, version): the current version, or the one asked for."""
    with Session(engine) as session:
        return scenario_in(session, scenario_id, version)


def scenarios(engine: Engine, refs: Iterable[tuple[str, int]]) -> dict[tuple[str, int], Scenario]:
    """The scenarios of ``refs`` ((id, version) pairs), in one query."""
    wanted = set(refs)
    ids = sorted({sid for sid, _ in wanted})
    out: dict[tuple[str, int], Scenario] = {}
    with Session(engine) as session:
        for row in session.scalars(select(TrainingScenario).where(
                TrainingScenario.scenario_id.in_(ids))):
            if (row.scenario_id, row.version) in wanted:
                out[(row.scenario_id, row.version)] = _scenario_of(row)
    return out


def all_current(engine: Engine) -> list[Scenario]:
    with Session(engine) as session:
        return [_scenario_of(r) for r in session.scalars(
            select(TrainingScenario).where(TrainingScenario.current.is_(True))
            .order_by(TrainingScenario.scenario_id))]


def save_scenario(engine: Engine, s: Scenario, actor: str) -> int:
    """Store ``s`` (checked against the grid and the KB like an import); returns the version
    now current (unchanged content keeps its version)."""
    checks = _checks(engine)
    load_scenarios([scenario_to_dict(s)], units=checks[0], kb_exists=checks[1])
    with Session(engine) as session, session.begin():
        _store(session, [s], actor)
        return int(session.scalar(select(TrainingScenario.version).where(
            TrainingScenario.scenario_id == s.id, TrainingScenario.current.is_(True))) or 1)


# ─── rubrics ─────────────────────────────────────────────────────────────────────────────


def rubric(engine: Engine, version: int | None = None, rubric_id: str = PRACTICE_RUBRIC) -> Rubric:
    """A stored rubric version (the highest when ``version`` is None); the shipped one when
    the database has none yet."""
    with Session(engine) as session:
        return rubric_in(session, version, rubric_id)


def rubric_in(session: Session, version: int | None = None,
              rubric_id: str = PRACTICE_RUBRIC) -> Rubric:
    q = select(TrainingRubric.body).where(TrainingRubric.rubric_id == rubric_id)
    q = q.where(TrainingRubric.version == version) if version is not None \
        else q.order_by(TrainingRubric.version.desc())
    body = session.scalars(q.limit(1)).first()
    if body is None:
        lib = starter_library()
        for r in reversed(lib.rubrics):
            if r.id == rubric_id and (version is None or r.version == version):
                return r
        raise NotFound(f"评分表 {rubric_id} v{version} 不存在",
                       f"No rubric {rubric_id} v{version}")
    return _parse_rubric(body)


def save_rubric(engine: Engine, new: Rubric, actor: str) -> Rubric:
    """Store an edited rubric as the next version (old results keep their own)."""
    current = rubric(engine, rubric_id=new.id)
    stored = new if new.version > current.version else current.revised(
        sections=new.sections, pass_mark=new.pass_mark, bands=new.bands, title=new.title)
    rubric_from_dict(rubric_to_dict(stored))  # the same checks as a file
    with Session(engine) as session, session.begin():
        session.add(TrainingRubric(rubric_id=stored.id, version=stored.version,
                                   fingerprint=stored.fingerprint,
                                   body=json.dumps(rubric_to_dict(stored), ensure_ascii=False),
                                   created_by=actor))
    return stored


# ─── import / export ─────────────────────────────────────────────────────────────────────


def _checks(engine: Engine) -> tuple[set[str] | None, Callable[[str], bool] | None]:
    """(unit names, KB-code check) of the central database; None where it holds none yet
    (a fresh database: the import then says those were not checked)."""
    with Session(engine) as session:
        units = set(session.scalars(select(Unit.name).where(Unit.deleted.is_(False))))
        codes = set(session.scalars(select(KBEntry.code).where(KBEntry.deleted.is_(False))))
    return (units or None), (codes.__contains__ if codes else None)


def _text_problems(rows: list[tuple[int, Mapping[str, Any]]]) -> list[RowProblem]:
    out = []
    for n, row in rows:
        for col, value in row.items():
            if not isinstance(value, str):
                continue
            p = text_problem(f"第 {n} 行“{col}”", f"row {n}, column '{col}'", value,
                             multiline=col in _MULTILINE) \
                or _too_long("", "the value", value, _limit(col, cell=True))
            if p:
                out.append(RowProblem(n, col, p[0], p[1]))
    return out


def _read_xlsx(path: Path) -> list[tuple[int, dict[str, Any]]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=False)
        ws = wb.worksheets[0]
        cells = [[(c.value, c.data_type) for c in r] for r in ws.iter_rows()]
        wb.close()
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
        raise ScenarioImportError([RowProblem(1, "*", f"不是有效的 Excel (.xlsx) 文件（{type(exc).__name__}）",
                                              f"not a valid Excel (.xlsx) file ({type(exc).__name__})")]
                                  ) from None
    if not cells:
        raise ScenarioImportError([RowProblem(1, "*", "文件是空的", "the file is empty")])
    header = [str(v).strip() if v is not None else "" for v, _ in cells[0]]
    problems = []
    for i, h in enumerate(header):
        if h and h in header[:i]:
            problems.append(RowProblem(1, h, f"列「{h}」出现了不止一次（第 {header.index(h) + 1} 列和"
                                       f"第 {i + 1} 列）", f"column '{h}' appears more than once "
                                       f"(columns {header.index(h) + 1} and {i + 1})"))
    for col in ("id", "title", "matter", "skill", "difficulty", "channel", "name", "area",
                "opening", "facts", "handling"):
        if col not in header:
            problems.append(RowProblem(1, col, "缺少这一列", "this column is missing"))
    unknown = [h for h in header if h and h not in FLAT_FIELDS]
    for h in unknown:
        problems.append(RowProblem(1, h, f"未知的列（可用：{'、'.join(FLAT_FIELDS)}）",
                                   "unknown column"))
    if problems:
        raise ScenarioImportError(problems)
    rows: list[tuple[int, dict[str, Any]]] = []
    formula: list[RowProblem] = []
    for n, r in enumerate(cells[1:], start=2):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v, _ in r):
            continue
        d: dict[str, Any] = {}
        for (v, kind), h in zip(r, header, strict=False):
            if not h:
                continue
            if kind == "f":
                formula.append(RowProblem(n, h, "这是公式，只能导入文字",
                                          "a formula; only text can be imported"))
            d[h] = v
        rows.append((n, d))
    if formula:
        raise ScenarioImportError(formula)
    return rows


def parse_file(path: str | Path, *, units: Collection[str] | None = None,
               kb_exists: Callable[[str], bool] | None = None) -> list[Scenario]:
    """Every scenario of an .xlsx or .json file, or ScenarioImportError (all problems)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".json"):
        raise ScenarioImportError([RowProblem(0, "*", f"不支持的文件类型「{suffix or path.name}」，请使用 .xlsx 或 .json",
                                              f"unsupported file type '{suffix or path.name}'; use .xlsx or .json")])
    if not path.is_file():
        raise ScenarioImportError([RowProblem(0, "*", f"文件不存在：{path}", f"no such file: {path}")])
    if suffix == ".json":
        try:
            text, _encoding = decode(path.read_bytes(), path)
        except TextFileRefused as exc:
            raise ScenarioImportError([RowProblem(0, "*", *exc.reason)]) from None
        if not text.strip():
            raise ScenarioImportError([RowProblem(0, "*", "文件是空的", "the file is empty")])
        try:
            doc = json.loads(text, object_pairs_hook=KeyedObject.from_pairs)
        except json.JSONDecodeError:
            doc = None
        raw = doc.get("scenarios") if isinstance(doc, dict) else doc
        if isinstance(raw, list):
            if len(raw) > MAX_IMPORT_ROWS:
                raise ScenarioImportError([RowProblem(MAX_IMPORT_ROWS + 1, "*", f"最多 {MAX_IMPORT_ROWS} 个场景",
                                                      f"at most {MAX_IMPORT_ROWS} scenarios")])
            if not raw:
                raise ScenarioImportError([RowProblem(0, "scenarios", "文件中没有任何场景",
                                                      "the file holds no scenario")])
            problems = _json_text_problems(raw) + _repeated_keys(raw)
        else:
            problems = []
        try:
            found = parse_scenarios_json(text, units=units, kb_exists=kb_exists)
        except ScenarioImportError as exc:
            problems = exc.problems + problems
        if problems:
            raise ScenarioImportError(sorted(problems, key=lambda p: p.row))
        return found
    rows = _read_xlsx(path)
    if not rows:
        raise ScenarioImportError([RowProblem(0, "*", "文件中只有表头，没有任何场景",
                                              "the file holds a header and no scenario")])
    if len(rows) > MAX_IMPORT_ROWS:
        raise ScenarioImportError([RowProblem(MAX_IMPORT_ROWS + 2, "*", f"最多 {MAX_IMPORT_ROWS} 个场景",
                                              f"at most {MAX_IMPORT_ROWS} scenarios")])
    # one row at a time so that each keeps its own spreadsheet row number
    out: list[Scenario] = []
    errors: list[RowProblem] = _text_problems(rows)
    seen: dict[str, int] = {}
    for n, r in rows:
        try:
            s = load_scenarios([row_to_dict(r)], first_row=n, units=units, kb_exists=kb_exists)[0]
        except ScenarioImportError as exc:
            errors.extend(exc.problems)
            continue
        if s.id in seen:
            errors.append(RowProblem(n, "id", f"场景编号 {s.id} 与第 {seen[s.id]} 行重复",
                                     f"scenario id {s.id} repeats row {seen[s.id]}"))
        seen.setdefault(s.id, n)
        out.append(s)
    if errors:
        raise ScenarioImportError(sorted(errors, key=lambda p: p.row))
    return out


def _strings(d: Any, path: str = "") -> Iterable[tuple[str, str]]:
    """Every text inside a JSON row, with its dotted path (expected.model_answer, facts.2.answer)."""
    if isinstance(d, str):
        yield path, d
    elif isinstance(d, Mapping):
        for k, v in d.items():
            yield from _strings(v, f"{path}.{k}" if path else str(k))
    elif isinstance(d, list):
        for i, v in enumerate(d, start=1):
            yield from _strings(v, f"{path}.{i}")


def _repeated_keys(raw: list[Any]) -> list[RowProblem]:
    """A key given twice in one object (JSON keeps the last value without a word)."""
    out = []

    def walk(value: Any, n: int, path: str) -> None:
        if isinstance(value, dict):
            for key in getattr(value, "repeated", ()):
                where = f"{path}.{key}" if path else key
                out.append(RowProblem(n, where, f"键「{where}」出现了不止一次（只能有一个值）",
                                      f"the key '{where}' appears more than once (it can "
                                      "have one value)"))
            for key, item in value.items():
                walk(item, n, f"{path}.{key}" if path else str(key))
        elif isinstance(value, list):
            for i, item in enumerate(value, start=1):
                walk(item, n, f"{path}.{i}")

    for n, row in enumerate(raw, start=1):
        walk(row, n, "")
    return out


def _json_text_problems(raw: list[Any]) -> list[RowProblem]:
    out = []
    for n, row in enumerate(raw, start=1):
        for col, value in _strings(row):
            leaf = col.rsplit(".", 1)[-1] if not col.split(".")[-1].isdigit() else col.split(".")[0]
            p = text_problem(f"第 {n} 个场景“{col}”", f"scenario {n}, field '{col}'", value,
                             multiline=leaf in _MULTILINE or leaf == "answer") \
                or _too_long("", "the value", value, _limit(leaf))
            if p:
                out.append(RowProblem(n, col, p[0], p[1]))
    return out


def import_file(engine: Engine, path: str | Path, actor: str) -> ImportOutcome:
    """Import scenarios from ``path``: all or nothing (ScenarioImportError lists every bad
    row with its column and reason). An existing id gets a new version."""
    units, kb_exists = _checks(engine)
    found = parse_file(path, units=units, kb_exists=kb_exists)
    with Session(engine) as session, session.begin():
        added, versions, same = _store(session, found, actor)
    return ImportOutcome(added, versions, same, units is not None, kb_exists is not None)


def export_file(engine: Engine, path: str | Path) -> int:
    """Write the current scenarios to ``path`` (.json in the library format, .xlsx one row
    per scenario with the import's columns); written beside and renamed into place."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".json"):
        raise ExportError(f"不支持的文件类型「{suffix or path.name}」，请使用 .xlsx 或 .json",
                          f"unsupported file type '{suffix or path.name}'; use .xlsx or .json")
    if not path.parent.is_dir():
        raise ExportError(f"文件夹不存在：{path.parent}", f"no such folder: {path.parent}")
    if path.is_dir():
        raise ExportError(f"{path} 是一个文件夹，请给出要写入的文件名",
                          f"{path} is a folder; give the name of the file to write")
    found = all_current(engine)
    fd, tmp = tempfile.mkstemp(prefix=".export-", suffix=suffix, dir=path.parent)
    os.close(fd)
    try:
        if suffix == ".json":
            Path(tmp).write_text(scenarios_json(found), "utf-8")
        else:
            write_xlsx(tmp, "scenarios", list(FLAT_FIELDS),
                       ([scenario_to_row(s)[k] for k in FLAT_FIELDS] for s in found))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(found)


def write_xlsx(path: str | Path, title: str, header: list[str],
               rows: Iterable[Iterable[Any]], *, sheets: Mapping[str, tuple[list[str], Iterable[Iterable[Any]]]] | None = None
               ) -> None:
    """An .xlsx whose text cells are always text (never formulas)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    wb = Workbook(write_only=True)

    def sheet(name: str, head: list[str], body: Iterable[Iterable[Any]]) -> None:
        ws = wb.create_sheet(name)
        ws.append(head)
        for r in body:
            cells = []
            for v in r:
                c = WriteOnlyCell(ws, value=v)
                if isinstance(v, str):
                    c.data_type = "s"
                cells.append(c)
            ws.append(cells)

    sheet(title, header, rows)
    for name, (head, body) in (sheets or {}).items():
        sheet(name, head, body)
    wb.save(path)


# ─── closed real cases -> scenarios ──────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class FromCasesOutcome:
    added: tuple[str, ...]
    """Ids of the new scenarios."""
    skipped: tuple[tuple[str, str, str], ...]
    """(case number, reason zh, reason en) of closed cases that could not become one."""
    already: int
    """Cases turned into scenarios before (same id): left as they are."""


def from_cases(engine: Engine, *, since: date, limit: int, actor: str, seed: int = 0
               ) -> FromCasesOutcome:
    """Turn up to ``limit`` cases closed since ``since`` (oldest first) into scenarios, the
    caller's personal data replaced (domain ``scenario_from_case``); stored in one go."""

    if limit < 1:
        raise TrainingError("--limit 至少为 1", "--limit must be at least 1")
    start = datetime.combine(since, time.min, tzinfo=UTC)
    units, kb_exists = _checks(engine)
    with Session(engine) as session:
        cases = session.scalars(
            select(Case).where(Case.status == "已办结", Case.deleted.is_(False),
                               Case.closed_at.is_not(None), Case.closed_at >= start)
            .order_by(Case.closed_at, Case.case_number).limit(limit)).all()
        rows = [{k: getattr(c, k) for k in (
            "case_number", "status", "channel", "caller_name", "caller_phone", "caller_area",
            "caller_address", "matter", "description", "handling", "handling_unit",
            "reply_text", "kb_code")} for c in cases]
        existing = set(session.scalars(select(TrainingScenario.scenario_id)))
    made: list[Scenario] = []
    skipped: list[tuple[str, str, str]] = []
    already = 0
    for row in rows:
        try:
            s = scenario_from_case(row, seed=seed, units=units, kb_exists=kb_exists)
        except CaseNotUsable as exc:
            skipped.append((str(row["case_number"]), exc.zh, exc.en))
            continue
        if s.id in existing:
            already += 1
            continue
        existing.add(s.id)
        made.append(s)
    with Session(engine) as session, session.begin():
        _store(session, made, actor)
    return FromCasesOutcome(tuple(s.id for s in made), tuple(skipped), already)
