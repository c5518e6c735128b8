"""Charts render to valid SVG with their title, text alternative and one mark per figure."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from pathlib import Path
from unittest import mock

import pytest
from django.core.cache import cache

from crossroads.evidence.charts import maps, render
from crossroads.evidence.charts.maps import choropleth
from crossroads.evidence.charts.render import render_svg
from crossroads.evidence.charts.specs import corridors, ranked_bars, time_series
from crossroads.evidence.charts.text import ChartText
from crossroads.evidence.charts.topology import WORLD_FILE, centre_longitude, world
from crossroads.evidence.services.values import Value

SVG = "{http://www.w3.org/2000/svg}"
COUNTRIES_FILE = Path(__file__).resolve().parents[2] / "reference" / "data" / "countries.csv"
#: The default region (reference/data/framework.yaml), Kosovo among its members.
SEEECA = ["ALB", "ARM", "AZE", "BLR", "BIH", "GEO", "ISR", "KAZ", "XKX", "KGZ", "MKD", "MDA",
          "MNE", "RUS", "SRB", "TJK", "TUR", "TKM", "UKR", "UZB"]
NAMES = {"MDA": "Moldova", "UKR": "Ukraine", "RUS": "Russian Federation", "KAZ": "Kazakhstan",
         "XKX": "Kosovo", "SRB": "Serbia", "UZB": "Uzbekistan"}


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)  # noqa: S314 (our own renderer's output, not untrusted input)
    assert root.tag == f"{SVG}svg"
    return root


def marks(root: ET.Element, kind: str, child: str = "path") -> list[ET.Element]:
    """The drawn marks of one kind (``symbol``, ``rect``, ``shape``…), legends left out."""
    found = []
    for group in root.iter(f"{SVG}g"):
        classes = group.get("class", "").split()
        if f"mark-{kind}" in classes and "role-mark" in classes:
            found += group.findall(f"{SVG}{child}")
    return found


def child_text(root: ET.Element, tag: str) -> str:
    """The text of the SVG's own <title> or <desc>."""
    element = root.find(f"{SVG}{tag}")
    assert element is not None and element.text is not None
    return element.text


def texts(root: ET.Element) -> list[str]:
    return ["".join(element.itertext()) for element in root.iter(f"{SVG}text")]


def test_a_time_series_has_its_title_a_description_and_a_marker_per_figure() -> None:
    values = [Value("MIG_STOCK", area, str(year), 1000.0 * year + i)
              for i, area in enumerate(("MDA", "UKR")) for year in (1990, 2000, 2010, 2019)]
    values.append(Value("MIG_STOCK", "MDA", "2015", None, status="M"))  # drawn nowhere
    text = ChartText("International migrant stock", "Source: UN DESA", value="Persons",
                     category="Year", series="Country")
    chart = time_series(values, text, names=NAMES)
    root = parse(render_svg(chart))
    assert child_text(root, "title") == "International migrant stock"
    description = child_text(root, "desc")
    assert "Moldova from 1,990,000 in 1990 to 2,019,000 in 2019" in description
    assert root.get("role") == "img"
    assert len(marks(root, "symbol")) == 8
    assert {"Moldova", "Ukraine", "Source: UN DESA", "Persons"} <= set(texts(root))


def test_ranked_bars_draw_the_largest_figures_largest_first() -> None:
    values = [Value("MIG_STOCK", code, "2019", amount) for code, amount in
              (("MDA", 104439.0), ("RUS", 11643276.0), ("UKR", 4964293.0), ("KAZ", 3731853.0))]
    chart = ranked_bars(values, ChartText("Migrants, 2019", value="Persons"), top=3,
                        names=NAMES)
    root = parse(render_svg(chart))
    assert len(marks(root, "rect")) == 3
    labels = texts(root)
    assert "11,643,276" in labels and "104,439" not in labels  # Moldova is fourth
    assert labels.index("Russian Federation") < labels.index("Kazakhstan")
    assert chart.summary.startswith("Bar chart of Migrants, 2019, 3 values. Highest: "
                                    "Russian Federation (11,643,276)")


def test_corridors_link_each_origin_to_its_destination() -> None:
    values = [Value("MIG_STOCK", destination, "2019", amount, origin=origin) for
              origin, destination, amount in (("UKR", "RUS", 3.3e6), ("KAZ", "RUS", 2.5e6),
                                              ("RUS", "UKR", 3.2e6), ("RUS", "KAZ", 2.4e6))]
    values.append(Value("MIG_STOCK", "RUS", "2019", 1.2e7))  # the all-origins total: no link
    chart = corridors(values, ChartText("Top corridors"), names=NAMES)
    root = parse(render_svg(chart))
    assert len(marks(root, "rule", "line")) == 4
    assert texts(root).count("Russian Federation") == 2  # once as origin, once as destination
    assert "Ukraine → Russian Federation (3,300,000)" in chart.summary


@pytest.fixture(scope="module")
def country_codes() -> dict[str, str]:
    """ISO numeric → alpha-3 as the reference data give them (the browse tests read them
    from the database; here no database is needed)."""
    with COUNTRIES_FILE.open(encoding="utf-8", newline="") as handle:
        return {row["numeric"]: row["iso3"] for row in csv.DictReader(handle) if row["numeric"]}


def region_map(codes: dict[str, str], values: list[Value]) -> tuple[ET.Element, dict]:
    text = ChartText("International migrant stock, 2019", "Source: UN DESA", value="Persons")
    with mock.patch.object(maps, "country_codes", return_value=codes):
        chart = choropleth(values, text, members=SEEECA, names=NAMES)
    return parse(render_svg(chart)), chart.spec


def test_the_map_colours_every_member_including_kosovo(country_codes) -> None:
    values = [Value("MIG_STOCK", code, "2019", 1000.0 * (i + 1)) for i, code in enumerate(SEEECA)]
    values.append(Value("MIG_STOCK", "DEU", "2019", 1.3e7))  # outside the region: grey
    root, spec = region_map(country_codes, values)
    geometries = spec["data"]["values"]["objects"]["countries"]["geometries"]
    coloured = marks(root, "shape")
    grey = [p for p in coloured if p.get("fill") == maps.OUTSIDE_COLOUR]
    members = [p for p in coloured if p.get("fill") not in (maps.OUTSIDE_COLOUR,
                                                             maps.NO_DATA_COLOUR)]
    assert len(coloured) == len(geometries)  # one outline per country drawn
    assert len(members) == 20 and len(grey) == len(geometries) - 20
    assert "Kosovo: 9,000" in {p.get("aria-label") for p in members}  # ninth member
    germany = next(p for p in coloured if p.get("aria-label") == "DEU")
    assert germany.get("fill") == maps.OUTSIDE_COLOUR
    assert child_text(root, "title") == "International migrant stock, 2019"


def test_members_without_a_figure_are_grey_and_named_in_the_text(country_codes) -> None:
    values = [Value("MIG_STOCK", code, "2019", 5.0) for code in SEEECA if code != "XKX"]
    root, _spec = region_map(country_codes, values)
    kosovo = [p for p in marks(root, "shape") if p.get("aria-label") == "Kosovo: no data"]
    assert len(kosovo) == 1 and kosovo[0].get("fill") == maps.NO_DATA_COLOUR
    assert child_text(root, "desc").endswith("No data: Kosovo.")


def test_the_vendored_boundaries_hold_kosovo_and_the_small_balkan_states() -> None:
    assert WORLD_FILE.stat().st_size < 1_000_000
    names = {g["properties"]["name"]: g.get("id") for g in
             world()["objects"]["countries"]["geometries"]}
    assert names["Kosovo"] is None  # no ISO numeric code: matched by name
    assert (names["Montenegro"], names["Macedonia"], names["Bosnia and Herz."]) == (
        "499", "807", "070")


def test_a_region_across_the_antimeridian_is_centred_on_its_own_side() -> None:
    geometries = {g["properties"]["name"]: g for g in world()["objects"]["countries"]["geometries"]}
    centre = centre_longitude([geometries["Russia"], geometries["Kazakhstan"]])
    assert 80 < centre < 120  # not 0: Russia's Chukotka lies beyond 180°E


def test_a_chart_is_rendered_once_then_served_from_the_cache() -> None:
    chart = ranked_bars([Value("POP", "MDA", "2020", 2.6e6)], ChartText("Population <2020>"))
    cache.clear()
    with mock.patch.object(render, "vegalite_svg", wraps=render.vegalite_svg) as vegalite:
        first = render_svg(chart)
        second = render_svg(chart)
    assert vegalite.call_count == 1 and first == second
    assert "<title id=" in first and "Population &lt;2020&gt;" in first
