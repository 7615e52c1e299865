"""The layout of seat_app/services (issue 11): each subpackage's public names resolve to
what their module defines, none shadows a submodule, and importing a package is cheap (its
public names load on first use)."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys

import pytest

import seat_app.services

PACKAGES = [
    *sorted(m.name for m in pkgutil.iter_modules(seat_app.services.__path__, "seat_app.services.")
            if m.ispkg),
    "seat_app.demo",
]


@pytest.mark.parametrize("name", PACKAGES)
def test_public_names_resolve_and_shadow_no_submodule(name: str) -> None:
    package = importlib.import_module(name)
    assert package.__doc__ and package.__doc__.strip(), f"{name} says what it owns"
    submodules = {m.name for m in pkgutil.iter_modules(package.__path__)}
    for public in getattr(package, "__all__", []):
        assert public not in submodules, f"{name}.{public} would hide the submodule"
        value = getattr(package, public)
        module = importlib.import_module(f"{name}.{package._EXPORTS[public]}")
        assert getattr(module, public) is value


def test_importing_a_services_package_loads_none_of_its_modules() -> None:
    code = (
        "import sys, seat_app.services.security as s, seat_app.services.store as t;"
        "print(sorted(m for m in sys.modules if m.startswith(('seat_app.services.security.',"
        " 'seat_app.services.store.'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"
