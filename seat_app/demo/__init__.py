"""Demo data, clearly marked as such: the demo home (one machine, no server), the
40,000-entry demo knowledge base and a year of realistic center records fitted to
published figures. Used by seat-admin and the app's demo mode; services never import it.

Typical use::

    from seat_app.demo import init_demo
    init_demo(home)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from seat_app._lazy import lazy_exports

if TYPE_CHECKING:
    from seat_app.demo import quality_faults as quality_faults
    from seat_app.demo.home import (
        DEMO_AGENT,
        DEMO_PASSWORD,
        DEMO_USERS,
        DemoExists,
        ensure_demo_users,
        init_demo,
        live_floor,
    )
    from seat_app.demo.kb import generate_entries
    from seat_app.demo.plan import PROFILES, YearPlan, YearSpec, plan_profile, plan_year
    from seat_app.demo.year import (
        TEST_SCALE,
        clear_demo_years,
        generate_profile,
        generate_year,
    )

# Public names load on first use: importing the package stays cheap (start-up)
# and adds no import cycle. Each name -> the module that defines it.
_EXPORTS = {
    "DEMO_AGENT": "home",
    "DEMO_PASSWORD": "home",
    "DEMO_USERS": "home",
    "DemoExists": "home",
    "PROFILES": "plan",
    "TEST_SCALE": "year",
    "YearPlan": "plan",
    "YearSpec": "plan",
    "clear_demo_years": "year",
    "ensure_demo_users": "home",
    "generate_entries": "kb",
    "generate_profile": "year",
    "generate_year": "year",
    "init_demo": "home",
    "live_floor": "home",
    "plan_profile": "plan",
    "plan_year": "plan",
}

__all__ = [
    "DEMO_AGENT",
    "DEMO_PASSWORD",
    "DEMO_USERS",
    "PROFILES",
    "TEST_SCALE",
    "DemoExists",
    "YearPlan",
    "YearSpec",
    "clear_demo_years",
    "ensure_demo_users",
    "generate_entries",
    "generate_profile",
    "generate_year",
    "init_demo",
    "live_floor",
    "plan_profile",
    "plan_year",
]


# The quality-fault injector (``seat-admin qa precheck --bench``) loads on first attribute
# use too (``demo.quality_faults.apply``); not a public name.
_MODULES = ("quality_faults",)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, modules=_MODULES)
