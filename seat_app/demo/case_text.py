"""Realistic addresses and descriptions for the demo year's cases.

The gazetteer (``resources/analysis/gazetteer.json``: townships, 小区/村/路 and building
numbers per area, with Zipf popularity) is rendered into addresses with the noise callers
add (no area prefix, 附近 / 门口, a typo in the estate's name, 3栋 / 三号楼), and each matter
has several description templates with slot fillers and caller phrasing
(``resources/analysis/templates.json``). Deterministic with the seed, and drawn from its
own random stream, so the demo year's other records (and its annual figures) are exactly
what they were before.
"""

from __future__ import annotations

import json
import random
from functools import lru_cache

from seat_app.domain.analysis.location import Gazetteer
from seat_app.domain.analysis.synthetic import Renderer, Templates
from seat_app.services.config import resources_dir

CITY_AREA = "市直"
CITY_PROPER = "盐湖区"
"""市直 cases happen in the city proper (the city's own district)."""
PLACE_SHARE = 0.25
"""Of matters that are not about a place, the share whose caller still gives an address."""


@lru_cache(maxsize=1)
def _renderer() -> tuple[Renderer, Templates]:
    folder = resources_dir() / "analysis"
    gaz = Gazetteer.from_dict(json.loads((folder / "gazetteer.json").read_text("utf-8")))
    tpl = Templates(json.loads((folder / "templates.json").read_text("utf-8")))
    return Renderer(gaz, tpl), tpl


class CaseTexts:
    """``render(matter, area) -> (address, description)``, deterministic for a seed."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(f"case-text:{seed}")
        self.renderer, self.templates = _renderer()

    def render(self, matter: str, area: str) -> tuple[str, str]:
        rng = self.rng
        r, t = self.renderer, self.templates
        place_based = t.is_place_based(matter)
        address = ""
        if place_based or rng.random() < PLACE_SHARE:
            place = r.pick_place(rng, CITY_PROPER if area == CITY_AREA else area)
            if place is not None:
                address = r.address(rng, place, r.building(rng, place))[:200]
        text = r.text(rng, matter, address if place_based else "")
        return address, text[:4000]
