"""A choropleth map of a region: members coloured by value, other countries in grey.

Each map carries, inline, the outlines it draws (the members, and the countries that
reach into the view) simplified to the map's scale, so vl-convert needs no network.
Outlines carry ISO 3166-1 numeric ids, mapped to our ISO alpha-3 codes through
``reference.Country.numeric``; Kosovo has no ISO numeric code and is matched by its
Natural Earth name (the reference data give it the user-assigned code XKX).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _

from crossroads.evidence.charts.specs import WIDTH, Chart, base_spec, known
from crossroads.evidence.charts.text import ChartText, Row, format_number, ranked_summary
from crossroads.evidence.charts.topology import (
    Box,
    Feature,
    centre_longitude,
    geometry_box,
    region_extent,
    subset_topology,
    world,
)
from crossroads.evidence.services.values import Value

#: Outlines without an ISO numeric code, matched by their Natural Earth name.
NAMED_FEATURES = {"Kosovo": "XKX"}
MAP_HEIGHT = 440
NO_DATA_COLOUR = "#bdbdbd"
OUTSIDE_COLOUR = "#efefef"
#: Simplify outlines to a third of a pixel.
PIXELS_PER_TOLERANCE = 3


def country_codes() -> dict[str, str]:
    """ISO numeric → ISO alpha-3 of the countries in the reference data."""
    from crossroads.reference.models import Country

    return dict(Country.objects.exclude(numeric="").values_list("numeric", "iso3"))


def feature_code(geometry: dict[str, Any], codes: Mapping[str, str]) -> str | None:
    """Our ISO alpha-3 code of an outline, or None if it has none."""
    numeric = geometry.get("id")
    if numeric is not None:
        return codes.get(str(numeric))
    return NAMED_FEATURES.get(geometry.get("properties", {}).get("name", ""))


def coded_geometries(codes: Mapping[str, str]) -> list[tuple[str, dict[str, Any]]]:
    """Every outline with its ISO alpha-3 code ("" for land that has none, e.g. N. Cyprus)."""
    return [(feature_code(g, codes) or "", g)
            for g in world()["objects"]["countries"]["geometries"] if g.get("arcs")]


def map_features(
    values: Mapping[str, float | None], members: Collection[str], names: Mapping[str, str],
) -> tuple[list[Feature], Box]:
    """The outlines to draw (members, and others reaching into the view) and the view's box."""
    coded = coded_geometries(country_codes())
    member_geometries = [g for code, g in coded if code and code in members]
    if not member_geometries:
        raise ValueError("none of the region's members has an outline to draw")
    centre = centre_longitude(member_geometries)
    extent = region_extent(member_geometries, centre)
    view = extent.grown(1.0)
    features = []
    for code, geometry in coded:
        member = bool(code) and code in members
        if not member and not geometry_box(geometry, centre).overlaps(view):
            continue
        value = values.get(code) if member else None
        name = names.get(code, code) or geometry.get("properties", {}).get("name", "")
        features.append((geometry, {
            "code": code, "name": name, "member": member, "value": value,
            "label": f"{name}: {format_number(value)}" if member else name,
        }))
    return features, extent


def extent_outline(extent: Box, step: float = 5.0) -> dict[str, Any]:
    """Points along the edges of a box, to fit the projection to (edges curve in a conic)."""
    lons = [extent.west + i * step for i in range(int((extent.east - extent.west) / step) + 1)]
    lats = [extent.south + i * step for i in range(int((extent.north - extent.south) / step) + 1)]
    points = [(lon, lat) for lon in [*lons, extent.east] for lat in (extent.south, extent.north)]
    points += [(lon, lat) for lat in [*lats, extent.north] for lon in (extent.west, extent.east)]
    coordinates = [[round((lon + 180) % 360 - 180, 3), round(lat, 3)] for lon, lat in points]
    return {"type": "Feature", "properties": {},
            "geometry": {"type": "MultiPoint", "coordinates": coordinates}}


def projection(extent: Box) -> dict[str, Any]:
    """An equal-area conic centred on the region, fitted to its box, clipped to the view."""
    sixth = (extent.north - extent.south) / 6
    return {"type": "conicEqualArea", "rotate": [round(-extent.centre, 3), 0, 0],
            "parallels": [round(extent.south + sixth, 2), round(extent.north - sixth, 2)],
            "fit": extent_outline(extent), "clipExtent": [[0, 0], [WIDTH, MAP_HEIGHT]]}


def grey_layer(missing: str, outside: str) -> dict[str, Any]:
    """Countries without a colour: members without data, and countries outside the region."""
    kind = f"datum.properties.member ? {json.dumps(missing)} : {json.dumps(outside)}"
    fill = {"field": "kind", "type": "nominal", "title": None,
            "scale": {"domain": [missing, outside], "range": [NO_DATA_COLOUR, OUTSIDE_COLOUR]},
            "legend": {"symbolType": "square"}}
    return {"transform": [{"filter": "datum.properties.value == null"},
                          {"calculate": kind, "as": "kind"}],
            "mark": {"type": "geoshape", "stroke": "white", "strokeWidth": 0.5},
            "encoding": {"description": {"field": "properties.label"}, "fill": fill}}


def value_layer(title: str, number_format: str, scheme: str) -> dict[str, Any]:
    """Members with a figure, coloured on a sequential scale."""
    colour = {"field": "properties.value", "type": "quantitative", "title": title or None,
              "scale": {"scheme": scheme}, "legend": {"format": number_format,
                         "labelExpr": "datum.value == 0 ? '0' : datum.label"}}
    return {"transform": [{"filter": "datum.properties.value != null"}],
            "mark": {"type": "geoshape", "stroke": "white", "strokeWidth": 0.6},
            "encoding": {"description": {"field": "properties.label"}, "color": colour}}


def choropleth(
    values: Sequence[Value], text: ChartText, *, members: Collection[str],
    names: Mapping[str, str] | None = None, number_format: str = "~s",
    outside_label: str = "", scheme: str = "blues",
) -> Chart:
    """A map of the region: each member coloured by its value, other countries pale grey.

    ``values`` hold one figure per area (one period, one breakdown); members without a
    figure are drawn in darker grey, named in the legend by ``text.no_data``.
    """
    names = names or {}
    members = set(members)
    by_area = {v.area: v.value for v in known(values) if v.area in members}
    features, extent = map_features(by_area, members, names)
    tolerance = (extent.east - extent.west) / WIDTH / PIXELS_PER_TOLERANCE
    data = {"values": subset_topology(features, round(tolerance, 4)),
            "format": {"type": "topojson", "feature": "countries"}}
    spec = {**base_spec(text, MAP_HEIGHT), "data": data, "projection": projection(extent),
            "layer": [grey_layer(text.no_data or _("No data"),
                                 outside_label or _("Outside the region")),
                      value_layer(text.value, number_format, scheme)],
            "resolve": {"legend": {"fill": "independent", "color": "independent"}}}
    return Chart(spec, text.title, map_summary(by_area, members, names, text.title))


def map_summary(
    by_area: Mapping[str, float | None], members: Collection[str], names: Mapping[str, str],
    title: str,
) -> str:
    """The map's text alternative: the largest values, then the members without data."""
    rows: list[Row] = sorted(({"label": names.get(code, code), "value": value}
                              for code, value in by_area.items() if value is not None),
                             key=lambda row: row["value"], reverse=True)
    summary = ranked_summary(rows, _("Map of %(title)s") % {"title": title})
    absent = sorted(names.get(code, code) for code in members if by_area.get(code) is None)
    if absent:
        summary += " " + _("No data: %(areas)s.") % {"areas": ", ".join(absent)}
    return summary
