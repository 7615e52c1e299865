"""The Debian package of the frozen bundle, and its install test.

Layout: ``/opt/seat/`` (the PyInstaller folder), ``/usr/bin/seat-app`` and
``/usr/bin/seat-admin`` (symbolic links), ``/usr/share/applications/seat-app.desktop``,
``/usr/share/metainfo/<id>.metainfo.xml``, ``/usr/share/icons/hicolor/scalable/apps/seat-app.svg``.

``Depends`` comes from the bundle itself: every library an ELF file of the bundle needs that
is not in the bundle (``ldd`` with the bundle's own library folders first) is mapped to its
Debian package, by ``dpkg -S`` where the library is installed here and by ``KNOWN_PACKAGES``
where it is not (the xcb plugin's libraries are exactly the ones a fresh system lacks). A
library in neither stops the build: Depends is never silently short.

Used by packaging/build.py; ``python3 packaging/deb.py --test DEB`` runs the install test.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINUX = ROOT / "packaging" / "linux"
PACKAGE = "seat"
METAINFO_ID = "cn.gov.yuncheng12345.Seat"

KNOWN_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb.so.1": "libxcb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libGLX.so.0": "libglx0",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libexpat.so.1": "libexpat1",
    "libXau.so.6": "libxau6",
    "libXdmcp.so.6": "libxdmcp6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb-dri3.so.0": "libxcb-dri3-0",
    "libdrm.so.2": "libdrm2",
    "libgbm.so.1": "libgbm1",
    "libinput.so.10": "libinput10",
    "libmtdev.so.1": "libmtdev1",
    "libudev.so.1": "libudev1",
    "libts.so.0": "libts0",
    "libvulkan.so.1": "libvulkan1",
}
"""Debian 12 packages of libraries the bundle leaves to the system (checked by dpkg -S
where installed; this table answers for the ones a fresh machine lacks)."""

RUNTIME_LOADED = {
    "libxcb-cursor0": "libxcb-cursor.so.0",  # Qt >= 6.5 dlopens it for the xcb plugin
}
"""Packages of libraries Qt opens at run time (dlopen), which ldd cannot see; the install
test checks each is found by the dynamic loader after installing."""

BASE_PACKAGES = {"libc6", "libgcc-s1", "libstdc++6", "zlib1g"}
"""Essential or near-essential: listed only for libc6 (with the glibc floor)."""

PLUGINS_NOT_NEEDING_DEPENDS = ("/plugins/egldeviceintegrations/", "/plugins/platforms/libqeglfs",
                               "/plugins/platforms/libqlinuxfb", "/plugins/platforms/libqvkkhrdisplay",
                               "/plugins/platforms/libqvnc", "/plugins/platforms/libqminimalegl",
                               "/libQt6EglFsKmsSupport", "/libQt6EglFSDeviceIntegration")
"""Framebuffer/KMS/VNC backends an office desktop never uses; their extra system libraries
(libinput, libgbm, libts, ...) are not worth a Depends on every seat."""


class DebFailed(Exception):
    pass


def _run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, text=True, capture_output=True, **kw)
    if proc.returncode != 0:
        raise DebFailed(f"{' '.join(map(str, cmd))} failed ({proc.returncode}):\n"
                        f"{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return proc


def elf_files(bundle: Path) -> list[Path]:
    out = []
    for path in sorted(bundle.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with open(path, "rb") as fh:
                if fh.read(4) == b"\x7fELF":
                    out.append(path)
    return out


def _lib_dirs(bundle: Path) -> str:
    internal = bundle / "_internal"
    return ":".join(str(p) for p in (internal, internal / "PySide6" / "Qt" / "lib",
                                     internal / "PySide6") if p.is_dir())


def external_libraries(bundle: Path) -> dict[str, str | None]:
    """soname -> resolved path outside the bundle (None: not found on this machine)."""
    env = dict(os.environ, LD_LIBRARY_PATH=_lib_dirs(bundle))
    out: dict[str, str | None] = {}
    for path in elf_files(bundle):
        if any(part in str(path) for part in PLUGINS_NOT_NEEDING_DEPENDS):
            continue
        proc = subprocess.run(["ldd", str(path)], env=env, text=True, capture_output=True)
        for line in proc.stdout.splitlines():
            m = re.match(r"\s*(\S+) => (not found|(\S+) \(0x)", line)
            if not m:
                continue
            soname, resolved = m.group(1), m.group(3)
            if resolved is None:
                out[soname] = None
            elif not resolved.startswith(str(bundle)):
                out.setdefault(soname, resolved)
    return out


def depends(bundle: Path) -> list[str]:
    """The Depends list of the bundle (see the module docstring)."""
    packages: set[str] = set()
    unknown = []
    for soname, resolved in sorted(external_libraries(bundle).items()):
        package = None
        if resolved is not None:
            proc = subprocess.run(["dpkg", "-S", os.path.realpath(resolved)], text=True,
                                  capture_output=True)
            if proc.returncode != 0:
                proc = subprocess.run(["dpkg", "-S", resolved], text=True, capture_output=True)
            if proc.returncode == 0:
                package = proc.stdout.split(":", 1)[0].strip()
        package = package or KNOWN_PACKAGES.get(soname)
        if package is None:
            unknown.append(soname)
        else:
            packages.add(package)
    if unknown:
        raise DebFailed(f"no Debian package known for {unknown}: add them to KNOWN_PACKAGES")
    floor = glibc_floor(bundle)
    packages.update(RUNTIME_LOADED)
    return [f"libc6 (>= {floor})", *sorted(packages - BASE_PACKAGES)]


def glibc_floor(bundle: Path) -> str:
    """The newest GLIBC_x.y symbol version any ELF file of the bundle needs."""
    versions = set()
    for path in elf_files(bundle):
        proc = subprocess.run(["objdump", "-T", str(path)], text=True, capture_output=True)
        versions.update(re.findall(r"GLIBC_(\d+\.\d+(?:\.\d+)?)", proc.stdout))
    if not versions:
        raise DebFailed(f"no GLIBC symbol versions found in {bundle} (is objdump installed?)")
    return max(versions, key=lambda v: tuple(int(x) for x in v.split(".")))


def installed_size_kb(root: Path) -> int:
    return sum(p.lstat().st_size for p in root.rglob("*")) // 1024 + 1


def build_deb(bundle: Path, out_dir: Path, *, version: str) -> Path:
    """Stage and build ``seat_<version>_amd64.deb``; the desktop file and metainfo are
    validated first. Returns the path of the .deb."""
    _run(["desktop-file-validate", str(LINUX / "seat-app.desktop")])
    _run(["appstreamcli", "validate", "--no-net", str(LINUX / f"{METAINFO_ID}.metainfo.xml")])
    arch = _run(["dpkg", "--print-architecture"]).stdout.strip()
    stage = out_dir / f"{PACKAGE}_{version}_{arch}"
    if stage.exists():
        shutil.rmtree(stage)
    opt = stage / "opt" / "seat"
    shutil.copytree(bundle, opt, symlinks=True)
    (stage / "usr" / "bin").mkdir(parents=True)
    for name in ("seat-app", "seat-admin"):
        (stage / "usr" / "bin" / name).symlink_to(f"/opt/seat/{name}")
    apps = stage / "usr" / "share" / "applications"
    apps.mkdir(parents=True)
    shutil.copy2(LINUX / "seat-app.desktop", apps / "seat-app.desktop")
    meta = stage / "usr" / "share" / "metainfo"
    meta.mkdir(parents=True)
    shutil.copy2(LINUX / f"{METAINFO_ID}.metainfo.xml", meta / f"{METAINFO_ID}.metainfo.xml")
    icons = stage / "usr" / "share" / "icons" / "hicolor" / "scalable" / "apps"
    icons.mkdir(parents=True)
    shutil.copy2(ROOT / "resources" / "icons" / "seat-app.svg", icons / "seat-app.svg")
    debian = stage / "DEBIAN"
    debian.mkdir()
    control = (LINUX / "control.in").read_text("utf-8").format(
        package=PACKAGE, version=version, arch=arch, depends=", ".join(depends(bundle)),
        installed_size=installed_size_kb(stage),
    )
    (debian / "control").write_text(control, "utf-8")
    for path in stage.rglob("*"):  # 0755 folders and programs, 0644 data
        if path.is_symlink():
            continue
        executable = path.is_dir() or bool(path.stat().st_mode & 0o111)
        path.chmod(0o755 if executable else 0o644)
    deb = out_dir / f"{PACKAGE}_{version}_{arch}.deb"
    _run(["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(stage), str(deb)])
    shutil.rmtree(stage)
    return deb


def _keyring_session(cmd: list[str]) -> list[str]:
    """Run ``cmd`` inside a D-Bus session with gnome-keyring's Secret Service when this
    (headless) machine has them: the keyring check then tests the real backend."""
    if shutil.which("dbus-run-session") and shutil.which("gnome-keyring-daemon"):
        inner = ("printf '' | gnome-keyring-daemon --unlock --components=secrets >/dev/null && "
                 + " ".join(f"'{c}'" for c in cmd))
        return ["dbus-run-session", "--", "sh", "-c", inner]
    return cmd


def test_installed(deb: Path, home: Path, skip: list[str]) -> dict:
    """Install ``deb`` with apt (Depends resolved), run the installed self-test and
    ``seat-app --measure-startup``, check the xcb plugin finds every library, remove the
    package and check nothing of it is left. Needs root."""
    report: dict = {}
    print("== .deb install test", flush=True)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    _run(["apt-get", "install", "-y", "-q", str(deb.resolve())], env=env)
    try:
        for path in ("/usr/bin/seat-app", "/usr/bin/seat-admin", "/opt/seat/seat-app",
                     "/usr/share/applications/seat-app.desktop",
                     f"/usr/share/metainfo/{METAINFO_ID}.metainfo.xml"):
            if not Path(path).exists():
                raise DebFailed(f"installed package lacks {path}")
        xcb = next(Path("/opt/seat").rglob("libqxcb.so"))
        ldd = _run(["ldd", str(xcb)], env=dict(os.environ,
                                                LD_LIBRARY_PATH=_lib_dirs(Path("/opt/seat"))))
        if "not found" in ldd.stdout:
            raise DebFailed(f"the xcb plugin misses libraries after install:\n{ldd.stdout}")
        loader = _run(["ldconfig", "-p"]).stdout
        absent = [so for so in RUNTIME_LOADED.values() if so not in loader]
        if absent:
            raise DebFailed(f"libraries Qt opens at run time are missing after install: {absent}")
        report["xcb_libraries"] = "all found"
        run_env = dict(os.environ, SEAT_HOME=str(home), QT_QPA_PLATFORM="offscreen")
        cmd = ["/usr/bin/seat-admin", "--lang", "en", "self-test", "--json"]
        for name in skip:
            cmd += ["--skip", name]
        proc = subprocess.run(_keyring_session(cmd), env=run_env, text=True, capture_output=True)
        result = json.loads(proc.stdout.strip().splitlines()[-1]) if proc.stdout.strip() else {}
        for check in result.get("checks", []):
            status = "skip" if check["skipped"] else ("ok" if check["ok"] else "FAIL")
            print(f"   {status:<5} {check['name']:<13} {check['detail']}", flush=True)
        if proc.returncode != 0 or not result.get("ok"):
            raise DebFailed(f"installed self-test failed: {result.get('failed')}\n{proc.stderr}")
        report["selftest"] = "ok"
        report["selftest_frozen"] = result["environment"]["frozen"]
        start = _run(["/usr/bin/seat-app", "--measure-startup"], env=run_env, timeout=120)
        report["measure_startup"] = json.loads(start.stdout.strip().splitlines()[-1])
        print(f"   installed seat-app --measure-startup: {report['measure_startup']}", flush=True)
    finally:
        _run(["apt-get", "purge", "-y", "-q", PACKAGE], env=env)
    left = [p for p in ("/opt/seat", "/usr/bin/seat-app", "/usr/bin/seat-admin",
                        "/usr/share/applications/seat-app.desktop") if os.path.lexists(p)]
    if left or subprocess.run(["dpkg", "-s", PACKAGE], capture_output=True).returncode == 0:
        raise DebFailed(f"removal left {left or 'the package registered'}")
    report["removed_cleanly"] = True
    print("   removed cleanly", flush=True)
    return report


if __name__ == "__main__":  # python3 packaging/deb.py --test build/deb/seat_0.1.0_amd64.deb
    if len(sys.argv) == 3 and sys.argv[1] == "--test":
        with tempfile.TemporaryDirectory() as tmp:
            print(json.dumps(test_installed(Path(sys.argv[2]), Path(tmp), [])))
    else:
        print(__doc__)
