from __future__ import annotations

import pytest

from seat_app.domain.analysis.errors import GazetteerError
from seat_app.domain.analysis.location import Gazetteer, clean_address

pytestmark = pytest.mark.analysis


def _estate(gazetteer: Gazetteer):
    return next(p for p in gazetteer.places_in("盐湖区", "北城街道") if p.kind == "小区")


def test_noisy_variants_of_one_address_share_one_key(gazetteer):
    p = _estate(gazetteer)
    short_town = p.township.removesuffix("街道")
    typo = p.name[0] + ("甲" if p.name[1] != "甲" else "乙") + p.name[2:]
    variants = [
        f"山西省运城市盐湖区{p.township}{p.name}3号楼2单元",
        f"{p.name}三号楼附近",
        f"{short_town}{p.name} 3栋 门口",
        f"盐湖{typo}3号楼对面",
        f"运城 盐湖区，{p.name}，3#楼",
    ]
    keys = {gazetteer.normalise(v, "盐湖区").full_key for v in variants}
    assert keys == {f"盐湖区/{p.township}/{p.name}/3号楼"}


def test_said_area_wins_over_hint_and_missing_area_is_inferred(gazetteer):
    p = _estate(gazetteer)
    assert gazetteer.normalise(f"盐湖区{p.name}", "永济市").area == "盐湖区"
    key = gazetteer.normalise(f"{p.name}附近")  # no area, no hint: found in the gazetteer
    assert (key.area, key.township, key.place) == ("盐湖区", p.township, p.name)


def test_road_house_number_and_village_without_building(gazetteer):
    road = next(p for p in gazetteer.places_in("永济市") if p.kind == "路")
    village = next(p for p in gazetteer.places_in("永济市") if p.kind == "村")
    assert gazetteer.normalise(f"{road.name}一百零八号旁边", "永济市").building == "108号"
    key = gazetteer.normalise(f"永济市{village.name}5号", "永济市")
    assert key.place == village.name and key.building == ""


def test_unknown_place_keeps_cleaned_text_in_its_area(gazetteer):
    key = gazetteer.normalise("不存在的地方附近", "河津市")
    assert not key.resolved
    assert key.place_key == "河津市/?/不存在的地方"
    assert gazetteer.normalise("", "河津市").place_key == ""


def test_clean_address_drops_noise_and_converts_numerals():
    assert clean_address("运城市 盐湖区（某某小区）二十三号楼 门口") == "盐湖区某某小区23号楼"


def test_malformed_gazetteer_is_refused_in_both_languages():
    with pytest.raises(GazetteerError) as err:
        Gazetteer.from_dict({"format": "other"})
    assert "地名库" in err.value.zh and "gazetteer" in err.value.en
    with pytest.raises(GazetteerError):
        Gazetteer.from_dict({"format": "seat-gazetteer/1",
                             "areas": {"火星区": {"x镇": [{"name": "a小区", "kind": "小区"}]}}})


@pytest.mark.analysis
def test_places_the_gazetteer_does_not_know_still_share_one_key(gazetteer):
    """A center's own estates and roads (not in the gazetteer) are keyed by their name,
    whatever way the caller says the building, the township or the area."""
    said = ["盐湖区金色家园小区5栋", "金色家园5号楼附近", "盐湖区 金色家园 五号楼 门口",
            "北城街道金色家园小区三号楼", "金色家园"]
    keys = {gazetteer.normalise(a, area_hint="盐湖区").place_key for a in said}
    assert keys == {"盐湖区//金色家园"}
    other = gazetteer.normalise("金色佳园5号楼", area_hint="盐湖区").place_key
    assert other != "盐湖区//金色家园"
    road = gazetteer.normalise("新城中山路12号", area_hint="夏县")
    assert (road.place, road.building) == ("新城中山路", "12号")
    assert gazetteer.normalise("就在家里", area_hint="夏县").place == ""


@pytest.mark.analysis
def test_a_short_name_one_character_off_is_another_place(gazetteer):
    """幸福里 is not 锦福里家园: a three-character core with one character changed is a
    different estate, so the key keeps the callers' own name."""
    said = ["幸福里小区3栋", "夏县幸福里小区三号楼门口", "幸福里 2单元", "瑶峰镇幸福里5栋"]
    keys = {gazetteer.normalise(a, area_hint="夏县").place_key for a in said}
    assert keys == {"夏县//幸福里"}
