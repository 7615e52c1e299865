"""The installation self-test (``seat-admin self-test``), the Qt-free part.

Each check exercises one thing a frozen bundle or a fresh install can lose: data files that
were not collected, a module found only through a name stored on disk (the Whoosh schema
pickles the analyzer class by its module path), a compiled extension that was left out or a
pure-Python fallback that was picked up instead. Checks work in a temporary folder and never
touch the user's data folder.

A check is a function returning a short detail line; it fails by raising (``CheckFailed``
for an expected kind of failure, with zh/en text; anything else is reported by its type and
message). The Qt checks (translations, icons, forms, platform plugins) live in
``seat_app.qt.selftest`` and are combined by the command.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from seat_app import __version__
from seat_app.domain.messages import UserMessage
from seat_app.services import config, store


class CheckFailed(UserMessage):
    """A check found the installation broken; ``zh``/``en`` say what."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en


@dataclass(slots=True)
class CheckResult:
    name: str
    ok: bool
    detail: str
    seconds: float
    skipped: bool = False

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    title_zh: str
    title_en: str
    run: Callable[[Path], str]
    """Called with a fresh temporary folder; returns the detail of a passed check."""


def run_check(check: Check, lang: str = "zh") -> CheckResult:
    """Run one check in its own temporary folder; never raises (except KeyboardInterrupt)."""
    started = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory(prefix=f"seat-selftest-{check.name}-") as tmp:
            detail = check.run(Path(tmp))
        ok = True
    except CheckFailed as exc:
        ok, detail = False, exc.en if lang == "en" else exc.zh
    except Exception as exc:  # noqa: BLE001 - a self-test reports every failure as a line
        ok, detail = False, f"{type(exc).__name__}: {exc}"
    return CheckResult(
        check.name, ok, str(detail).replace("\n", " "), round(time.perf_counter() - started, 3)
    )


def run_checks(
    checks: Iterable[Check],
    lang: str = "zh",
    on_result: Callable[[CheckResult], None] | None = None,
) -> list[CheckResult]:
    results = []
    for check in checks:
        result = run_check(check, lang)
        results.append(result)
        if on_result is not None:
            on_result(result)
    return results


# the checks ---------------------------------------------------------------------------------


def check_resources(_tmp: Path) -> str:
    """The resource folders the app reads at run time are there and not empty."""
    root = config.resources_dir()
    if not root.is_dir():
        raise CheckFailed(f"资源文件夹不存在：{root}", f"resources folder missing: {root}")
    empty = [p.name for p in sorted(root.iterdir()) if p.is_dir() and not any(p.rglob("*.*"))]
    folders = [p.name for p in sorted(root.iterdir()) if p.is_dir()]
    needed = {"calendar", "i18n", "icons", "scripts", "styles"}
    missing = sorted(needed - set(folders))
    if missing or empty:
        raise CheckFailed(
            f"资源不完整（缺少 {missing}，为空 {empty}）：{root}",
            f"resources incomplete (missing {missing}, empty {empty}): {root}",
        )
    return f"{len(folders)} folders in {root}"


def check_call_scripts(_tmp: Path) -> str:
    """Every shipped call script parses (the seat window refuses to start without them)."""
    import json
    import tomllib

    # lazy: self-test: imported inside the check, so a broken piece fails this check only
    from seat_app.domain.script_flow import parse_script

    folder = config.resources_dir() / "scripts"
    ids = []
    for path in sorted(folder.iterdir()):
        if path.suffix == ".toml":
            data = tomllib.loads(path.read_text("utf-8"))
        elif path.suffix == ".json":
            data = json.loads(path.read_text("utf-8"))
        else:
            continue
        ids.append(parse_script(data).id)
    if "call" not in ids:
        raise CheckFailed(
            f"缺少通话话术 call.toml：{folder}", f"no call script call.toml in {folder}"
        )
    return ", ".join(ids)


def check_migrations(tmp: Path) -> str:
    """Alembic finds the migration sources and brings a new SQLite file to head."""
    engine = store.make_engine(f"sqlite:///{tmp / 'central.sqlite3'}")  # loads store.engine
    try:
        store.upgrade(engine, create=True)
        current, head = store.current_revision(engine), store.head_revision()
    finally:
        engine.dispose()
    if current != head:
        raise CheckFailed(
            f"迁移停在 {current}，最新为 {head}", f"migrations stopped at {current}, head is {head}"
        )
    return f"head {head}"


SAMPLE_ENTRIES = (
    {
        "id": "1",
        "code": "ST-0001",
        "title": "住房公积金提取办理",
        "domain": "住房",
        "subcategory": "公积金",
        "matter": "公积金提取",
        "area": "市直",
        "unit": "住房公积金中心",
        "keywords": "取公积金 公积金怎么取",
        "answer": "携带身份证到公积金中心办理提取。",
        "status": "已发布",
    },
    {
        "id": "2",
        "code": "ST-0002",
        "title": "夜间施工噪声投诉",
        "domain": "生态环境",
        "subcategory": "噪声",
        "matter": "建筑施工噪声",
        "area": "盐湖区",
        "unit": "生态环境局",
        "keywords": "太吵 半夜施工",
        "answer": "夜间施工须有许可，可向生态环境局反映。",
        "status": "已发布",
    },
    {
        "id": "3",
        "code": "ST-0003",
        "title": "社保卡补办",
        "domain": "人社",
        "subcategory": "社会保障卡",
        "matter": "社保卡补换",
        "area": "市直",
        "unit": "人社局",
        "keywords": "社保卡丢了",
        "answer": "到银行网点补办社会保障卡。",
        "status": "已发布",
    },
)


def check_kb_index(tmp: Path) -> str:
    """A small Chinese index builds, reopens (the analyzer is found by the module name
    pickled in the schema) and answers a query, in characters and in pinyin initials."""
    # lazy: self-test: imported inside the check, so a broken piece fails this check only
    import kb_index
    from kb_index import analysis

    root = tmp / "index"
    kb_index.build(root, [dict(e) for e in SAMPLE_ENTRIES], procs=1)
    with kb_index.open_searcher(root) as searcher:
        analyzer = searcher.ix.schema["title"].analyzer
        module = type(analyzer).__module__
        if module != analysis.__name__:
            raise CheckFailed(
                f"索引的分词器来自 {module}，应为 {analysis.__name__}",
                f"index analyzer comes from {module}, expected {analysis.__name__}",
            )
        codes = [hit.code for hit in searcher.search("公积金怎么取")]
        initials = [hit.code for hit in searcher.search("gjj")]
    if not codes or codes[0] != "ST-0001":
        raise CheckFailed(
            f"搜索“公积金怎么取”得到 {codes}，应先得到 ST-0001",
            f"search 公积金怎么取 gave {codes}, expected ST-0001 first",
        )
    if "ST-0001" not in initials:
        raise CheckFailed(
            f"拼音首字母“gjj”未找到 ST-0001（得到 {initials}）",
            f"pinyin initials gjj did not find ST-0001 (got {initials})",
        )
    return f"{len(SAMPLE_ENTRIES)} entries, analyzer {module}.{type(analyzer).__name__}"


def check_segmenter(_tmp: Path) -> str:
    """rjieba (the Rust segmenter, not the jieba fallback) segments Chinese."""
    # lazy: self-test: imported inside the check, so a broken piece fails this check only
    from kb_index import analysis

    if analysis.SEGMENTER != "rjieba":
        raise CheckFailed(
            f"分词器是 {analysis.SEGMENTER}（后备），应为 rjieba",
            f"segmenter is {analysis.SEGMENTER} (the fallback), expected rjieba",
        )
    import rjieba

    words = list(rjieba.cut("住房公积金怎么提取"))
    if "公积金" not in words:
        raise CheckFailed(f"rjieba 分词结果异常：{words}", f"rjieba segmented oddly: {words}")
    return " / ".join(words)


def check_pinyin(_tmp: Path) -> str:
    """pypinyin's dictionaries are there (phrases decide 重庆 chong, not zhong)."""
    from pypinyin import lazy_pinyin

    got = lazy_pinyin("重庆公积金")
    if got != ["chong", "qing", "gong", "ji", "jin"]:
        raise CheckFailed(f"拼音结果异常：{got}", f"pinyin came out wrong: {got}")
    return " ".join(got)


def check_psycopg(_tmp: Path) -> str:
    """psycopg loads its binary build (the bundled libpq), not a missing C library."""
    import psycopg

    impl = psycopg.pq.__impl__
    if impl != "binary":
        raise CheckFailed(
            f"psycopg 使用 {impl} 实现，应为 binary（随附 libpq）",
            f"psycopg uses the {impl} implementation, expected binary (bundled libpq)",
        )
    return f"psycopg {psycopg.__version__}, libpq {psycopg.pq.version()}"


def check_keyring(_tmp: Path) -> str:
    """keyring has a usable backend (where "remember me" and database passwords live)."""
    import keyring
    from keyring.backends import fail

    backend = keyring.get_keyring()
    leaves = [backend, *getattr(backend, "backends", [])]
    names = {f"{type(b).__module__}.{type(b).__name__}" for b in leaves}
    real = [
        b
        for b in leaves
        if not isinstance(b, fail.Keyring)
        and not type(b).__module__.startswith(("keyring.backends.null", "keyring.backends.chainer"))
    ]
    if not real:
        raise CheckFailed(
            f"没有可用的密钥环（{', '.join(sorted(names))}）：无法记住密码。"
            "Linux 需要桌面会话中的 Secret Service（如 gnome-keyring）。",
            f"no usable keyring ({', '.join(sorted(names))}): passwords cannot be remembered. "
            "On Linux a Secret Service (e.g. gnome-keyring) in the desktop session is needed.",
        )
    return ", ".join(f"{type(b).__module__}.{type(b).__name__}" for b in real)


def check_argon2(_tmp: Path) -> str:
    from argon2 import PasswordHasher
    from argon2.exceptions import VerifyMismatchError

    hasher = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)
    digest = hasher.hash("座席-selftest")
    hasher.verify(digest, "座席-selftest")
    try:
        hasher.verify(digest, "wrong")
    except VerifyMismatchError:
        return digest.split("$", 2)[1]
    raise CheckFailed("argon2 接受了错误的密码", "argon2 accepted a wrong password")


def check_openpyxl(tmp: Path) -> str:
    from openpyxl import Workbook, load_workbook

    path = tmp / "selftest.xlsx"
    wb = Workbook()
    wb.active.append(["工单号", "受理量"])
    wb.active.append(["20270101-S01-0001", 3])
    wb.save(path)
    rows = list(load_workbook(path, read_only=True).active.iter_rows(values_only=True))
    if rows != [("工单号", "受理量"), ("20270101-S01-0001", 3)]:
        raise CheckFailed(f"Excel 读回的内容不同：{rows}", f"Excel read back differently: {rows}")
    return f"{path.stat().st_size} bytes written and read back"


def check_numpy(_tmp: Path) -> str:
    """numpy and its BLAS (matter suggestions run on it): a bundle whose OpenBLAS was damaged
    (stripped, left out) imports but fails on the first matrix product."""
    import numpy as np

    a = np.arange(1.0, 301.0).reshape(20, 15)
    product = a.T @ a  # BLAS dgemm
    expected = sum(float(x) * float(x) for x in a[:, 0])
    norm = float(np.linalg.norm(a))
    exact = sum(float(x) * float(x) for x in a.ravel()) ** 0.5
    if abs(float(product[0, 0]) - expected) > 1e-6 or abs(norm - exact) > 1e-6 * exact:
        raise CheckFailed(
            f"numpy 计算结果错误：{product[0, 0]} ≠ {expected}",
            f"numpy computed wrongly: {product[0, 0]} != {expected}",
        )
    return f"numpy {np.__version__}, matrix product and norm"


def check_calendar(tmp: Path) -> str:
    """The holiday calendar: the shipped year files and chinesecalendar's built-in years."""
    from datetime import date

    # lazy: self-test: imported inside the check, so a broken piece fails this check only
    from seat_app.services.calendar_data import load_calendar, shipped_calendar_dir

    cal = load_calendar(tmp)  # an empty home: only what ships with Seat
    shipped = sorted(p.name for p in shipped_calendar_dir().glob("holidays-*.json"))
    if not shipped:
        raise CheckFailed(
            f"没有随附的节假日文件：{shipped_calendar_dir()}",
            f"no shipped holiday file in {shipped_calendar_dir()}",
        )
    wrong = [d for d in (date(2024, 10, 1), date(2027, 10, 1)) if cal.is_working_day(d)]
    if wrong or not cal.is_working_day(date(2024, 10, 8)):
        raise CheckFailed(f"节假日判断错误：{wrong}", f"holiday calendar is wrong about {wrong}")
    return f"shipped {', '.join(shipped)}"


CORE_CHECKS: tuple[Check, ...] = (
    Check("resources", "资源文件", "resource files", check_resources),
    Check("call-scripts", "话术", "call scripts", check_call_scripts),
    Check("migrations", "数据库迁移", "database migrations", check_migrations),
    Check("kb-index", "知识库索引", "knowledge-base index", check_kb_index),
    Check("segmenter", "中文分词", "Chinese segmenter", check_segmenter),
    Check("pinyin", "拼音", "pinyin", check_pinyin),
    Check("psycopg", "PostgreSQL 驱动", "PostgreSQL driver", check_psycopg),
    Check("keyring", "密钥环", "keyring", check_keyring),
    Check("argon2", "密码哈希", "password hashing", check_argon2),
    Check("openpyxl", "Excel 读写", "Excel files", check_openpyxl),
    Check("numpy", "数值计算（numpy）", "numerics (numpy)", check_numpy),
    Check("calendar", "节假日日历", "holiday calendar", check_calendar),
)
"""The checks that need no Qt, in the order they run."""


def environment() -> dict[str, str]:
    """Where this run happens (printed in the JSON): frozen or not, and the interpreter."""
    return {
        "version": __version__,
        "frozen": str(bool(getattr(sys, "frozen", False))).lower(),
        "python": sys.version.split()[0],
        "executable": sys.executable,
        "platform": sys.platform,
    }
