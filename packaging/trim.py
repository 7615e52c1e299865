"""What ``seat.spec`` leaves out of the frozen bundle after PyInstaller's analysis (issue 20:
bundle <= 200 MB unpacked).

- ``trim_binaries``: Qt plugins a desktop seat never loads, the display-stack libraries of the
  build machine (left to the target system; the .deb's Depends names them), then every
  library nothing kept links (the closure follows DT_NEEDED from the Python extension
  modules, libpython and the kept plugins): the GTK stack the gtk3 theme pulled in, EGLFS
  support, QtNetwork.
- ``small_icu_data``: Qt's libicudata (32 MB) rebuilt with only the Chinese and English
  locales and the GB converters (about 10 MB).
- ``trim_datas``: Qt's own translations other than the ones the app loads.

Linux only where it reads ELF files (objdump, icupkg, as, ld); elsewhere only the plugin and
translation lists apply. Each function prints one ``seat.spec:`` line with what it did,
which ``build.py`` repeats in its log. Plain functions on PyInstaller's TOC tuples
``(dest, src, typecode)`` so tests can run them without a freeze.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

PLUGINS = "PySide6/Qt/plugins/"
SYSTEM_DIRS = ("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/")
LOCALE_ITEM = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]*)*$")
"""An ICU item named after a locale (``de``, ``zh_Hant_HK``, ``de_`` for a collation alias)."""
NOT_LOCALES = ("res_index", "pool")


def _posix(dest: str) -> str:
    return Path(dest).as_posix()


def left_out_plugin(dest: str, left_out: tuple[str, ...]) -> bool:
    posix = _posix(dest)
    return posix.startswith(PLUGINS) and posix[len(PLUGINS) :].startswith(left_out)


def needed(path: str) -> list[str]:
    """DT_NEEDED names of an ELF file (objdump -p; binutils is a build requirement)."""
    out = subprocess.run(["objdump", "-p", path], capture_output=True, text=True).stdout
    return [line.split()[1] for line in out.splitlines() if line.strip().startswith("NEEDED")]


def from_the_system(src: str) -> bool:
    """Copied from the build machine's own library folders (not from a wheel)."""
    return Path(src).resolve().as_posix().startswith(SYSTEM_DIRS)


def is_library(entry: tuple[str, str, str]) -> bool:
    """A shared library other binaries link: not a Python extension module, not a Qt
    plugin, not libpython (the bootloader opens it)."""
    dest, _src, typecode = entry
    return (
        typecode == "BINARY"
        and not _posix(dest).startswith(PLUGINS)
        and "/plugins/" not in _posix(dest)
        and not Path(dest).name.startswith("libpython")
    )


def trim_binaries(
    binaries: list,
    left_out_plugins: tuple[str, ...],
    system_libraries: tuple[str, ...],
    *,
    needed=needed,
    from_the_system=from_the_system,
) -> list:
    """See the module docstring. ``needed``/``from_the_system`` are replaceable for tests."""
    kept = [b for b in binaries if not left_out_plugin(b[0], left_out_plugins)]
    if not sys.platform.startswith("linux"):
        return kept
    kept = [
        b
        for b in kept
        if not (Path(b[0]).name.startswith(system_libraries) and from_the_system(b[1]))
    ]
    by_name: dict[str, list] = {}
    for entry in kept:
        by_name.setdefault(Path(entry[0]).name, []).append(entry)
    todo = [e for e in kept if not is_library(e)]
    reached = {id(e) for e in todo}
    while todo:
        entry = todo.pop()
        for name in needed(entry[1]):
            for dep in by_name.get(name, []):
                if id(dep) not in reached:
                    reached.add(id(dep))
                    todo.append(dep)
    dropped = sorted(_posix(e[0]) for e in binaries if id(e) not in reached)
    print(f"seat.spec: left out {len(dropped)} binaries: {' '.join(dropped)}", flush=True)
    return [e for e in kept if id(e) in reached]


def icu_items_to_drop(
    items: list[str], locales: tuple[str, ...], converters: tuple[str, ...]
) -> list[str]:
    """Items of an ICU data package (``icupkg -l``) outside ``locales`` and ``converters``."""
    drop = []
    for item in items:
        stem, _, ext = item.rsplit("/", 1)[-1].rpartition(".")
        other_locale = (
            ext == "res" and LOCALE_ITEM.match(stem) and stem not in NOT_LOCALES + locales
        )
        if other_locale or (ext == "cnv" and stem not in converters):
            drop.append(item)
    return drop


def small_icu_data(
    src: str, locales: tuple[str, ...], converters: tuple[str, ...], out: Path
) -> Path | None:
    """A libicudata.so.NN under ``out`` holding only ``locales`` and ``converters``, or None
    when icupkg (icu-devtools), as or ld (binutils) is missing: then the full library is
    carried and the build says so. The data is cut out of the wheel's library (the symbol
    icudtNN_dat), filtered with icupkg and wrapped into a new shared library of the same
    soname with as and ld."""
    if not all(shutil.which(t) for t in ("icupkg", "as", "ld", "objdump")):
        print("seat.spec: ICU data NOT trimmed (apt-get install icu-devtools binutils)", flush=True)
        return None
    symbols = subprocess.run(
        ["objdump", "-T", src], capture_output=True, text=True, check=True
    ).stdout
    m = re.search(r"^([0-9a-f]+)\s.*\s([0-9a-f]+)\s+(icudt(\d+)_dat)$", symbols, re.M)
    sections = subprocess.run(
        ["objdump", "-h", src], capture_output=True, text=True, check=True
    ).stdout
    r = re.search(r"\.rodata\s+([0-9a-f]+)\s+([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)", sections)
    if not (m and r):
        raise SystemExit(f"seat.spec: no icudtNN_dat symbol or .rodata in {src}")
    address, size, symbol, version = (
        int(m.group(1), 16),
        int(m.group(2), 16),
        m.group(3),
        m.group(4),
    )
    offset = address - int(r.group(2), 16) + int(r.group(3), 16)
    shutil.rmtree(out, ignore_errors=True)
    (out / "small").mkdir(parents=True)
    name = f"icudt{version}l"  # icupkg names the items after the file: keep ICU's own name
    with open(src, "rb") as fh:
        fh.seek(offset)
        (out / f"{name}.dat").write_bytes(fh.read(size))
    items = subprocess.run(
        ["icupkg", "-l", str(out / f"{name}.dat")], capture_output=True, text=True, check=True
    ).stdout.split()
    drop = icu_items_to_drop(items, locales, converters)
    (out / "drop.txt").write_text("\n".join(drop) + "\n")
    subprocess.run(
        [
            "icupkg",
            "-r",
            str(out / "drop.txt"),
            str(out / f"{name}.dat"),
            str(out / "small" / f"{name}.dat"),
        ],
        check=True,
        capture_output=True,
    )
    soname = Path(src).name
    (out / "data.s").write_text(
        f"    .section .rodata\n    .globl {symbol}\n    .type {symbol}, @object\n"
        f'    .balign 16\n{symbol}:\n    .incbin "small/{name}.dat"\n'
        f'    .size {symbol}, . - {symbol}\n    .section .note.GNU-stack,"",@progbits\n'
    )
    subprocess.run(["as", "-o", "data.o", "data.s"], cwd=out, check=True)
    subprocess.run(
        ["ld", "-shared", "-soname", soname, "-o", soname, "data.o"], cwd=out, check=True
    )
    print(
        f"seat.spec: ICU data {size / 2**20:.1f} MB -> "
        f"{(out / soname).stat().st_size / 2**20:.1f} MB ({len(items) - len(drop)} of "
        f"{len(items)} items; locales {', '.join(locales)})",
        flush=True,
    )
    return out / soname


def trim_icu(
    binaries: list, locales: tuple[str, ...], converters: tuple[str, ...], out: Path
) -> list:
    """Replace Qt's libicudata by ``small_icu_data`` (Linux; the wheels for Windows carry
    no ICU)."""
    if not sys.platform.startswith("linux"):
        return binaries
    result = []
    for dest, src, typecode in binaries:
        if re.match(r"libicudata\.so\.\d+$", Path(dest).name) and _posix(dest).startswith(
            "PySide6/"
        ):
            src = str(small_icu_data(src, locales, converters, out) or src)
        result.append((dest, src, typecode))
    return result


def trim_datas(datas: list, qt_translations: tuple[str, ...]) -> list:
    """Leave out Qt's translations other than ``qt_translations``."""
    return [
        e
        for e in datas
        if not (
            _posix(e[0]).startswith("PySide6/Qt/translations/")
            and Path(e[0]).name not in qt_translations
        )
    ]


def patched_by_auditwheel(path: str) -> bool:
    """A library grafted into a wheel's ``<name>.libs/`` folder, or a module whose run path
    points there: auditwheel rewrote them with patchelf, and ``strip`` on such a file can
    leave it unloadable ("ELF load command address/offset not page-aligned")."""
    if any(part.endswith(".libs") for part in Path(path).parts):
        return True
    dynamic = subprocess.run(["objdump", "-p", path], capture_output=True, text=True).stdout
    return bool(re.search(r"R(UN)?PATH\s+\S*\.libs", dynamic))


def strip_binaries(binaries: list, out: Path) -> list:
    """Copies of the ELF files with their symbol tables and debug information stripped
    (``strip --strip-unneeded``: the dynamic symbols stay), except the ones auditwheel
    patched. A source-built Python's libpython alone carries 16 MB of debug information.
    Linux only; without ``strip`` nothing is stripped and the build says so."""
    if not sys.platform.startswith("linux"):
        return binaries
    if not shutil.which("strip"):
        print("seat.spec: nothing stripped (apt-get install binutils)", flush=True)
        return binaries
    result, before, after, skipped = [], 0, 0, []
    for dest, src, typecode in binaries:
        with open(src, "rb") as fh:
            elf = fh.read(4) == b"\x7fELF"
        if typecode not in ("BINARY", "EXTENSION") or not elf:
            result.append((dest, src, typecode))
            continue
        if patched_by_auditwheel(src):
            skipped.append(_posix(dest))
            result.append((dest, src, typecode))
            continue
        copy = out / dest
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, copy)
        subprocess.run(["strip", "--strip-unneeded", str(copy)], check=True, capture_output=True)
        before += Path(src).stat().st_size
        after += copy.stat().st_size
        result.append((dest, str(copy), typecode))
    print(
        f"seat.spec: stripped {len(result) - len(skipped)} ELF files, {before / 2**20:.1f} MB -> "
        f"{after / 2**20:.1f} MB; not stripped (auditwheel-patched): {' '.join(skipped)}",
        flush=True,
    )
    return result
