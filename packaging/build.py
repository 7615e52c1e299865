#!/usr/bin/env python3
"""Build the frozen Seat bundle and the Debian package, and measure them.

    python3 packaging/build.py                 # clean venv, freeze, self-test, measure, .deb
    python3 packaging/build.py --reuse-venv    # keep build/venv, reinstall only Seat
    python3 packaging/build.py --test-deb      # also install the .deb here, test it, remove it (root)
    python3 packaging/build.py --skip-deb --runs 3

Steps: (1) a clean virtual environment ``build/venv`` with Seat installed from this source
tree (not editable) and PyInstaller 6; (2) ``pyinstaller packaging/seat.spec`` into
``build/dist/seat``; (3) the bundle size; (4) ``seat-admin self-test`` of the frozen copy
(timed); (5) ``seat-app --measure-startup`` of the frozen copy against the venv's, each
``--runs`` times on one demo data folder, alternating, with min/median/p95 and the ratio of
the medians; (6) the .deb (``packaging/deb.py``), its size, and its files validated
(desktop-file-validate, appstreamcli validate --no-net). Prints one line per figure and, last,
one JSON line with every figure. Exits non-zero when a step fails or the self-test fails.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build"
VENV = BUILD / "venv"
DIST = BUILD / "dist"
BUNDLE = DIST / "seat"
PYINSTALLER = "pyinstaller>=6,<7"
BUNDLE_TARGET_MB = 200
DEB_TARGET_MB = 80
START_RATIO_TARGET = 1.2


class BuildFailed(Exception):
    pass


def log(msg: str) -> None:
    print(msg, flush=True)


def run(
    cmd: list[str], *, env: dict | None = None, quiet: bool = False, cwd: Path | None = None
) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, cwd=cwd or ROOT, env=env, text=True, capture_output=True)
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-30:])
        raise BuildFailed(f"{' '.join(map(str, cmd))} failed ({proc.returncode}):\n{tail}")
    if not quiet and proc.stdout.strip():
        log(proc.stdout.rstrip())
    return proc


def venv_bin(name: str) -> Path:
    sub = "Scripts" if os.name == "nt" else "bin"
    return VENV / sub / (name + (".exe" if os.name == "nt" else ""))


def bundle_exe(name: str, root: Path = BUNDLE) -> Path:
    return root / (name + (".exe" if os.name == "nt" else ""))


def make_venv(reuse: bool) -> float:
    started = time.perf_counter()
    if VENV.exists() and not reuse:
        shutil.rmtree(VENV)
    if not VENV.exists():
        log(f"== clean venv {VENV}")
        run([sys.executable, "-m", "venv", str(VENV)])
        run([str(venv_bin("python")), "-m", "pip", "install", "-q", "--upgrade", "pip"], quiet=True)
        run(
            [str(venv_bin("python")), "-m", "pip", "install", "-q", str(ROOT), PYINSTALLER],
            quiet=True,
        )
    else:
        log(f"== reusing {VENV}: reinstalling Seat from the source tree")
        run(
            [
                str(venv_bin("python")),
                "-m",
                "pip",
                "install",
                "-q",
                "--no-deps",
                "--force-reinstall",
                str(ROOT),
            ],
            quiet=True,
        )
        run([str(venv_bin("python")), "-m", "pip", "install", "-q", PYINSTALLER], quiet=True)
    return time.perf_counter() - started


def freeze() -> float:
    log("== pyinstaller packaging/seat.spec")
    started = time.perf_counter()
    if BUNDLE.exists():
        shutil.rmtree(BUNDLE)
    proc = run(
        [
            str(venv_bin("pyinstaller")),
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(BUILD / "work"),
            str(ROOT / "packaging" / "seat.spec"),
        ],
        quiet=True,
    )
    for line in proc.stdout.splitlines():  # what the spec left out, for the record
        if line.startswith("seat.spec:"):
            log("   " + line)
    return time.perf_counter() - started


def biggest(path: Path, count: int = 8) -> list[tuple[str, float]]:
    """The largest entries two levels under ``path`` (folders summed), MB."""
    sizes: dict[str, int] = {}
    for p in path.rglob("*"):
        if p.is_file() and not p.is_symlink():
            rel = p.relative_to(path).parts
            key = "/".join(rel[:2]) if len(rel) > 2 else "/".join(rel)
            sizes[key] = sizes.get(key, 0) + p.stat().st_size
    top = sorted(sizes.items(), key=lambda kv: -kv[1])[:count]
    return [(name, round(size / 2**20, 1)) for name, size in top]


def tree_mb(path: Path) -> float:
    total = sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() or p.is_symlink())
    return round(total / 2**20, 1)


def qt_env(home: Path) -> dict:
    env = dict(os.environ, SEAT_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONPATH", None)
    return env


def self_test(admin: Path, home: Path, extra: list[str] | None = None) -> tuple[float, dict]:
    """Run ``admin self-test --json``; (seconds, report). Raises when a check failed."""
    sys.path.insert(0, str(ROOT / "packaging"))
    from deb import _keyring_session  # a Secret Service where this machine can start one

    started = time.perf_counter()
    cmd = [str(admin), "--lang", "en", "self-test", "--json", *(extra or [])]
    proc = subprocess.run(_keyring_session(cmd), env=qt_env(home), text=True, capture_output=True)
    seconds = time.perf_counter() - started
    try:
        report = json.loads(proc.stdout.strip().splitlines()[-1])
    except (json.JSONDecodeError, IndexError):
        raise BuildFailed(
            f"{admin} self-test printed no JSON ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
        ) from None
    for check in report["checks"]:
        status = "skip" if check["skipped"] else ("ok" if check["ok"] else "FAIL")
        log(f"   {status:<5} {check['name']:<13} {check['seconds']:6.2f} s  {check['detail']}")
    if proc.returncode != 0 or not report["ok"]:
        raise BuildFailed(f"self-test of {admin} failed: {report['failed']}")
    return seconds, report


def check_numpy(admin: Path, home: Path) -> dict:
    """The frozen ``seat-admin intake suggest`` (numpy and its OpenBLAS load: the seats'
    intake suggestions predict with them; the self-test does not import numpy)."""
    cmd = [str(admin), "--lang", "en", "intake", "suggest", "我想提取住房公积金装修房子", "--json"]
    proc = subprocess.run(cmd, env=qt_env(home), text=True, capture_output=True, timeout=120)
    try:
        got = json.loads(proc.stdout.strip().splitlines()[-1])
    except (json.JSONDecodeError, IndexError):
        got = None
    if proc.returncode != 0 or not got:
        raise BuildFailed(
            f"frozen intake suggest failed ({proc.returncode}):\n{proc.stdout}\n"
            f"{proc.stderr[-3000:]}"
        )
    log(f"   ok    numpy         intake suggest: {got[0]['matter']} {got[0]['confidence']}")
    return {"matter": got[0]["matter"]}


def make_demo_home(admin: Path, entries: int) -> Path:
    home = Path(tempfile.mkdtemp(prefix="seat-build-home-"))
    run([str(admin), "demo", "init", "--entries", str(entries)], env=qt_env(home), quiet=True)
    return home


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure_startup(app: list[str], home: Path) -> dict:
    """One ``--measure-startup``: the app's own figure (process start to usable), the wall
    time, and the CPU seconds of the whole process (user + system, to its exit), which a
    busy shared machine distorts far less than the elapsed times."""
    cpu = _children_cpu() if os.name != "nt" else 0.0
    started = time.perf_counter()
    proc = subprocess.run(
        [*app, "--measure-startup"], env=qt_env(home), text=True, capture_output=True, timeout=120
    )
    wall = time.perf_counter() - started
    cpu = _children_cpu() - cpu if os.name != "nt" else None
    if proc.returncode != 0:
        raise BuildFailed(f"{app} --measure-startup failed:\n{proc.stdout}\n{proc.stderr}")
    figures = json.loads(proc.stdout.strip().splitlines()[-1])
    return {
        "startup_s": float(figures["startup_s"]),
        "wall_s": wall,
        "cpu_s": cpu,
        "rss_mb": figures.get("rss_mb"),
    }


ICU_PROBE = r"""
import json, sys
from PySide6.QtCore import QCollator, QCoreApplication, QDate, QLocale, QTimeZone
app = QCoreApplication([])
words = ["张三", "李四", "王五", "阿明", "赵六", "公积金", "盐湖区", "Zoe", "adam", "Émile"]
out = {}
for name in ("zh_CN", "en_US", "zh_TW"):
    loc = QLocale(name)
    out[name] = [sorted(words, key=QCollator(loc).sortKey),
                 loc.toString(QDate(2026, 12, 3), QLocale.FormatType.LongFormat),
                 loc.toString(1234567.891, "f", 2), loc.toUpper("straße")]
zone = QTimeZone(b"Asia/Shanghai")
out["zone"] = [zone.displayName(QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName,
                                QLocale(n)) for n in ("zh_CN", "en_US")]
print(json.dumps(out, ensure_ascii=False))
"""
"""What the app may ask of ICU through Qt, in the two languages the bundle keeps."""


def check_small_icu() -> dict:
    """The bundle's trimmed libicudata answers zh/en collation, dates, numbers, case and
    zone names exactly as the wheel's full one: the venv's Qt runs ICU_PROBE twice, the
    second time with the bundle's libicudata preloaded (same soname, so ICU takes it)."""
    small = next(BUNDLE.rglob("libicudata.so.*"), None)
    if small is None or not sys.platform.startswith("linux"):
        return {"skipped": "no ICU in the bundle"}
    small = small.resolve()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    full = run([str(venv_bin("python")), "-c", ICU_PROBE], env=env, quiet=True).stdout
    trimmed = run(
        [str(venv_bin("python")), "-c", ICU_PROBE], quiet=True, env=dict(env, LD_PRELOAD=str(small))
    ).stdout
    mb = round(small.stat().st_size / 2**20, 1)
    if full != trimmed:
        raise BuildFailed(
            f"the bundle's ICU data ({small}) answers differently:\n"
            f"full:    {full}\ntrimmed: {trimmed}"
        )
    log(
        f"   ICU data {mb} MB: zh_CN/en_US/zh_TW collation, dates, numbers, case and zone "
        "names as with the full data"
    )
    return {"icu_mb": mb, "same_as_full": True}


def start_under_x(app: list[str], home: Path) -> dict:
    """One ``--measure-startup`` on the xcb platform inside Xvfb (``xvfb-run``): the plugin
    and the X libraries really load, as on a desktop. Skipped (and said so) without xvfb-run."""
    if not shutil.which("xvfb-run"):
        log("   skip  xvfb-run not installed (apt-get install xvfb xauth)")
        return {"skipped": "no xvfb-run"}
    env = dict(qt_env(home), QT_QPA_PLATFORM="xcb")
    proc = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", *app, "--measure-startup"],
        env=env,
        text=True,
        capture_output=True,
        timeout=180,
    )
    if proc.returncode != 0 or not proc.stdout.strip():
        raise BuildFailed(
            f"{app} --measure-startup under Xvfb failed ({proc.returncode}):\n"
            f"{proc.stdout}\n{proc.stderr[-3000:]}"
        )
    figures = json.loads(proc.stdout.strip().splitlines()[-1])
    log(f"   xcb under Xvfb: startup_s {figures['startup_s']} (rss {figures.get('rss_mb')} MB)")
    return figures


def summary(values: list[float]) -> dict:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "min": round(ordered[0], 3),
        "median": round(statistics.median(ordered), 3),
        "p95": round(p95, 3),
        "n": len(ordered),
    }


def compare_startup(frozen: list[str], venv: list[str], home: Path, runs: int) -> dict:
    """Alternate frozen and venv starts (one warm-up each) so both see the same machine."""
    log(f"== start-up, {runs} runs each (frozen vs venv, alternating)")
    measure_startup(frozen, home)
    measure_startup(venv, home)
    got: dict[str, list[dict]] = {"frozen": [], "venv": []}
    for _ in range(runs):
        got["frozen"].append(measure_startup(frozen, home))
        got["venv"].append(measure_startup(venv, home))
    out = {}
    for kind, rows in got.items():
        out[kind] = {
            "startup_s": summary([r["startup_s"] for r in rows]),
            "wall_s": summary([r["wall_s"] for r in rows]),
            "rss_mb": rows[-1]["rss_mb"],
        }
        if rows[0]["cpu_s"] is not None:
            out[kind]["cpu_s"] = summary([r["cpu_s"] for r in rows])
    out["ratio_median"] = round(
        out["frozen"]["startup_s"]["median"] / out["venv"]["startup_s"]["median"], 3
    )
    out["ratio_min"] = round(out["frozen"]["startup_s"]["min"] / out["venv"]["startup_s"]["min"], 3)
    for kind in ("frozen", "venv"):
        s = out[kind]["startup_s"]
        c = out[kind].get("cpu_s")
        log(
            f"   {kind:<6} startup_s min {s['min']:.3f}  median {s['median']:.3f}  "
            f"p95 {s['p95']:.3f}  (rss {out[kind]['rss_mb']} MB"
            + (f"; CPU s min {c['min']:.2f} median {c['median']:.2f})" if c else ")")
        )
    if "cpu_s" in out["frozen"]:
        out["ratio_cpu_median"] = round(
            out["frozen"]["cpu_s"]["median"] / out["venv"]["cpu_s"]["median"], 3
        )
    log(
        f"   frozen/venv median ratio {out['ratio_median']} (target <= {START_RATIO_TARGET}); "
        f"min ratio {out['ratio_min']}; CPU median ratio {out.get('ratio_cpu_median')}"
    )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reuse-venv", action="store_true", help="keep build/venv")
    parser.add_argument("--skip-deb", action="store_true", help="no .deb")
    parser.add_argument(
        "--test-deb",
        action="store_true",
        help="install the .deb here, self-test and start it, remove it (root)",
    )
    parser.add_argument("--runs", type=int, default=5, help="start-up runs of each kind")
    parser.add_argument("--entries", type=int, default=3000, help="demo KB size for start-up")
    parser.add_argument(
        "--skip",
        action="append",
        default=[],
        help="self-test check to skip (e.g. keyring on a headless machine)",
    )
    args = parser.parse_args(argv)
    figures: dict = {"ok": False}
    home = None
    try:
        figures["venv_s"] = round(make_venv(args.reuse_venv), 1)
        figures["freeze_s"] = round(freeze(), 1)
        figures["bundle_mb"] = tree_mb(BUNDLE)
        log(
            f"   bundle {BUNDLE}: {figures['bundle_mb']} MB unpacked (target <= {BUNDLE_TARGET_MB})"
        )
        log("   biggest: " + ", ".join(f"{n} {mb}" for n, mb in biggest(BUNDLE / "_internal")))
        figures["icu"] = check_small_icu()
        skip = [a for name in args.skip for a in ("--skip", name)]
        log("== self-test of the frozen bundle")
        home = make_demo_home(bundle_exe("seat-admin"), args.entries)
        seconds, report = self_test(bundle_exe("seat-admin"), home, skip)
        figures["selftest_s"] = round(seconds, 2)
        figures["selftest_failed"] = report["failed"]
        figures["numpy"] = check_numpy(bundle_exe("seat-admin"), home)
        log(f"   self-test {figures['selftest_s']} s (wall, process start included)")
        figures["startup"] = compare_startup(
            [str(bundle_exe("seat-app"))], [str(venv_bin("seat-app"))], home, args.runs
        )
        if sys.platform.startswith("linux"):
            log("== the frozen seat-app on X (xcb platform, Xvfb)")
            figures["xvfb"] = start_under_x([str(bundle_exe("seat-app"))], home)
        if not args.skip_deb and sys.platform.startswith("linux"):
            sys.path.insert(0, str(ROOT / "packaging"))
            import deb

            log("== .deb")
            deb_path = deb.build_deb(BUNDLE, BUILD / "deb", version=_version())
            figures["deb"] = str(deb_path)
            figures["deb_mb"] = round(deb_path.stat().st_size / 2**20, 1)
            figures["glibc_floor"] = deb.glibc_floor(BUNDLE)
            log(
                f"   {deb_path.name}: {figures['deb_mb']} MB (target <= {DEB_TARGET_MB}); "
                f"needs glibc >= {figures['glibc_floor']}"
            )
            if args.test_deb:
                figures["deb_test"] = deb.test_installed(deb_path, home, skip)
        figures["ok"] = True
        return 0
    except BuildFailed as exc:
        log(f"BUILD FAILED: {exc}")
        figures["error"] = str(exc).splitlines()[0]
        return 1
    finally:
        if home is not None:
            shutil.rmtree(home, ignore_errors=True)
        print(json.dumps(figures, ensure_ascii=False), flush=True)


def _version() -> str:
    import tomllib

    return tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]


if __name__ == "__main__":
    sys.exit(main())
