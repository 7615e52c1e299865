#!/usr/bin/env python3
"""Compile the Windows installers here (Linux) against a stub payload and check them.

    python3 packaging/windows/check.py [--payload DIR] [--out DIR] [--json]

The stub payload has the shape of the PyInstaller folder (``seat-app.exe``, ``seat-admin.exe``,
``_internal/...`` with a name holding a space), so both scripts are
checked for syntax and for the properties IT relies on:

- NSIS (``makensis``): compiles; the installer is a PE file; per machine
  (``RequestExecutionLevel admin``), and the uninstaller deletes only what was installed.
- MSI (``wixl-heat`` + ``wixl``): compiles; ``msiinfo`` shows ALLUSERS=1, the version, the
  UpgradeCode, the Start-menu shortcut and every payload file in the File table.

Needs the Debian packages ``nsis``, ``msitools`` and ``wixl``. Exits non-zero on any failure.
The real installers are built and signed on a Windows runner (.github/workflows/windows.yml).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
UPGRADE_CODE = "{6F1C2B0E-5A7D-4C1B-9E1F-3A2D12345E47}"


class CheckFailed(Exception):
    pass


def run(cmd: list[str], cwd: Path | None = None, stdin: str | None = None) -> str:
    proc = subprocess.run(cmd, cwd=cwd, input=stdin, text=True, capture_output=True)
    if proc.returncode != 0:
        raise CheckFailed(f"{' '.join(map(str, cmd))} failed ({proc.returncode}):\n"
                          f"{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return proc.stdout


def stub_payload(folder: Path) -> list[str]:
    """A folder shaped like dist/seat; returns its files relative to the folder."""
    files = ["seat-app.exe", "seat-admin.exe", "_internal/python311.dll",
             "_internal/PySide6/Qt6Core.dll", "_internal/PySide6/plugins/platforms/qwindows.dll",
             "_internal/seat_app/resources/i18n/seat_en.qm",
             "_internal/seat_app/resources/scripts/call script.toml",
             "_internal/seat_app/resources/kb/demo/README.md"]
    for rel in files:
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"MZ stub " + rel.encode("utf-8"))
    return files


def check_nsis(payload: Path, out: Path, version: str) -> dict:
    script = (HERE / "seat.nsi").read_text("utf-8")
    for needed in ("RequestExecutionLevel admin", "SetShellVarContext all", "WriteUninstaller",
                   "$SMPROGRAMS", "QuietUninstallString", 'InstallDir "$PROGRAMFILES64\\Seat"'):
        if needed not in script:
            raise CheckFailed(f"seat.nsi lacks {needed!r}")
    uninstall = script.split('Section "Uninstall"', 1)[1]
    if re.search(r'RMDir /r "\$INSTDIR"', uninstall):
        raise CheckFailed("the uninstaller removes $INSTDIR recursively (a /D= folder may hold other things)")
    exe = out / f"seat-{version}-setup.exe"
    started = time.perf_counter()
    run(["makensis", "-V2", "-INPUTCHARSET", "UTF8", f"-DVERSION={version}",
         f"-DPAYLOAD={payload}", f"-DOUTFILE={exe}", str(HERE / "seat.nsi")])
    data = exe.read_bytes()
    if data[:2] != b"MZ" or len(data) < 30_000:
        raise CheckFailed(f"{exe} is not a Windows program ({len(data)} bytes)")
    return {"nsis": str(exe), "nsis_kb": len(data) // 1024,
            "nsis_s": round(time.perf_counter() - started, 2)}


def check_msi(payload: Path, files: list[str], out: Path, version: str) -> dict:
    started = time.perf_counter()
    non_ascii = [rel for rel in files if not rel.isascii()]
    if non_ascii:  # wixl writes an empty FileName for them (WiX on Windows does not)
        raise CheckFailed(f"wixl cannot carry non-ASCII file names: {non_ascii[:5]}")
    listing = "".join(f"{rel}\n" for rel in files)  # relative: wixl joins SourceDir itself
    fragment = run(["wixl-heat", "--var", "var.SourceDir", "-p", "",
                    "--directory-ref", "INSTALLDIR", "--component-group", "Payload",
                    "--win64"], stdin=listing, cwd=payload)
    frag_path = out / "payload.wxs"
    frag_path.write_text(fragment, "utf-8")
    msi = out / f"seat-{version}.msi"
    run(["wixl", "-a", "x64", "-D", "Win64=yes", "-D", f"Version={version}", "-D", "SourceDir=.",
         "-o", str(msi), str(HERE / "seat.wxs"), str(frag_path)], cwd=payload)
    props = dict(line.split("\t", 1) for line in
                 run(["msiinfo", "export", str(msi), "Property"]).splitlines()[3:] if "\t" in line)
    expected = {"ALLUSERS": "1", "ProductVersion": version, "UpgradeCode": UPGRADE_CODE,
                "ProductName": "Seat 12345"}
    wrong = {k: props.get(k) for k, v in expected.items() if props.get(k) != v}
    if wrong:
        raise CheckFailed(f"MSI properties differ from {expected}: {wrong}")
    shortcuts = run(["msiinfo", "export", str(msi), "Shortcut"])
    if "seat-app.exe" not in shortcuts:
        raise CheckFailed(f"MSI has no Start-menu shortcut to seat-app.exe:\n{shortcuts}")
    file_table = run(["msiinfo", "export", str(msi), "File"])
    names = {Path(rel).name for rel in files}
    missing = sorted(n for n in names if n not in file_table)
    if missing:
        raise CheckFailed(f"MSI File table lacks {missing}")
    summary = run(["msiinfo", "suminfo", str(msi)])
    if "x64" not in summary:
        raise CheckFailed(f"MSI is not an x64 package:\n{summary}")
    return {"msi": str(msi), "msi_kb": msi.stat().st_size // 1024, "msi_files": len(files),
            "msi_s": round(time.perf_counter() - started, 2)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--payload", type=Path, help="a real dist/seat folder (default: a stub)")
    parser.add_argument("--out", type=Path, help="where the installers go (default: a temp folder)")
    parser.add_argument("--version", default="0.1.0")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    missing = [t for t in ("makensis", "wixl", "wixl-heat", "msiinfo") if shutil.which(t) is None]
    if missing:
        print(f"missing tools {missing}: apt-get install nsis msitools wixl", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="seat-win-") as tmp:
        out = args.out or Path(tmp) / "out"
        out.mkdir(parents=True, exist_ok=True)
        if args.payload:
            payload = args.payload.resolve()
            files = sorted(str(p.relative_to(payload)) for p in payload.rglob("*") if p.is_file())
        else:
            payload = Path(tmp) / "seat"
            files = stub_payload(payload)
        try:
            report = {**check_nsis(payload, out, args.version),
                      **check_msi(payload, files, out, args.version), "ok": True}
        except CheckFailed as exc:
            print(f"FAILED: {exc}", file=sys.stderr)
            return 1
    if args.json:
        print(json.dumps(report))
    else:
        for key, value in report.items():
            print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
