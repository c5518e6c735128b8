"""Country boundaries: the vendored world topology, boxes, and map-sized subsets of it.

The world file is Natural Earth 1:50m as TopoJSON (npm ``world-atlas`` 2.0.2, unchanged;
see ``evidence/data/geo/PROVENANCE.md``). A map inlines only the outlines it draws, their
shared arcs simplified to the map's scale: arcs keep their end points, so neighbouring
countries still meet exactly.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

WORLD_FILE = Path(__file__).resolve().parents[1] / "data" / "geo" / "countries-50m.json"
#: Space around the members, as a share of the larger side of their box.
PADDING = 0.06

Point = tuple[float, float]
Feature = tuple[dict[str, Any], dict[str, Any]]  # (geometry, properties)


@dataclass(frozen=True)
class Box:
    """A longitude/latitude box; longitudes may pass 180 (east of the antimeridian)."""

    west: float
    south: float
    east: float
    north: float

    def union(self, other: Box) -> Box:
        return Box(min(self.west, other.west), min(self.south, other.south),
                   max(self.east, other.east), max(self.north, other.north))

    def overlaps(self, other: Box) -> bool:
        return (self.west <= other.east and other.west <= self.east
                and self.south <= other.north and other.south <= self.north)

    def grown(self, margin: float) -> Box:
        return Box(self.west - margin, self.south - margin, self.east + margin,
                   self.north + margin)

    @property
    def area(self) -> float:
        """Size in square degrees (enough to compare boxes)."""
        return (self.east - self.west) * (self.north - self.south)

    @property
    def centre(self) -> float:
        return (self.west + self.east) / 2


@cache
def world() -> dict[str, Any]:
    """The vendored world topology (parsed once per process)."""
    with WORLD_FILE.open(encoding="utf-8") as handle:
        topology: dict[str, Any] = json.load(handle)
    return topology


@cache
def arc_points() -> tuple[tuple[Point, ...], ...]:
    """Each arc as absolute longitude/latitude points (the file stores quantized deltas)."""
    topology = world()
    (scale_x, scale_y) = topology["transform"]["scale"]
    (shift_x, shift_y) = topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        decoded.append(tuple(points))
    return tuple(decoded)


def arc_ids(arcs: Any) -> Iterator[int]:
    """The arc indices a geometry uses (a negative index ~i is arc i reversed)."""
    if isinstance(arcs, int):
        yield arcs if arcs >= 0 else ~arcs
        return
    for part in arcs:
        yield from arc_ids(part)


def wrap(lon: float, centre: float) -> float:
    """A longitude taken within 180° of ``centre`` (may leave -180…180)."""
    if lon < centre - 180:
        return lon + 360
    if lon > centre + 180:
        return lon - 360
    return lon


def geometry_box(geometry: dict[str, Any], centre: float) -> Box:
    """The box of a geometry, longitudes taken within 180° of ``centre``."""
    return arcs_box(tuple(arc_ids(geometry["arcs"])), round(centre, 3))


@lru_cache(maxsize=4096)
def arcs_box(indices: tuple[int, ...], centre: float) -> Box:
    """The box of some arcs (a geometry's), longitudes within 180° of ``centre``."""
    points = arc_points()
    lons, lats = [], []
    for index in indices:
        lons += [wrap(lon, centre) for lon, _lat in points[index]]
        lats += [lat for _lon, lat in points[index]]
    return Box(min(lons), min(lats), max(lons), max(lats))


def centre_longitude(geometries: Sequence[dict[str, Any]]) -> float:
    """The middle of the longitudes the geometries cover, across the antimeridian if need be.

    The widest gap between covered longitudes is the part of the globe the map leaves
    out; the centre is opposite its middle.
    """
    points = arc_points()
    lons = sorted({round(lon, 1) for g in geometries for i in arc_ids(g["arcs"])
                   for lon, _lat in points[i]})
    if not lons:
        return 0.0
    gaps = [(lons[0] + 360 - lons[-1], lons[-1])]
    gaps += [(b - a, a) for a, b in zip(lons, lons[1:], strict=False)]
    width, start = max(gaps)
    return (start + width / 2 + 360) % 360 - 180


def region_extent(geometries: Sequence[dict[str, Any]], centre: float) -> Box:
    """The box the view is fitted to: the members' boxes, padded.

    A member whose box is larger than all the others' together (Russia in a region
    from the Balkans to Central Asia) is left out of the fit, so that small members stay
    visible; it is still drawn, cut at the edge of the view.
    """
    boxes = sorted((geometry_box(g, centre) for g in geometries), key=lambda b: b.area,
                   reverse=True)
    if len(boxes) > 1 and boxes[0].area > union(boxes[1:]).area:
        boxes = boxes[1:]
    extent = union(boxes)
    margin = max(extent.east - extent.west, extent.north - extent.south) * PADDING
    return extent.grown(margin)


def union(boxes: Sequence[Box]) -> Box:
    """The smallest box holding all the given boxes."""
    extent = boxes[0]
    for box in boxes[1:]:
        extent = extent.union(box)
    return extent


def distance_to_segment(point: Point, start: Point, end: Point) -> float:
    """The distance of a point from a segment, in degrees."""
    (px, py), (ax, ay), (bx, by) = point, start, end
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
    cx, cy = ax + t * dx, ay + t * dy
    return float(((px - cx) ** 2 + (py - cy) ** 2) ** 0.5)


def simplify(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Douglas–Peucker: drop points closer than ``tolerance`` to the line they sit on.

    The end points stay, so arcs shared by two countries still join.
    """
    if len(points) < 3:
        return list(points)
    keep = {0, len(points) - 1}
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, distance = first, 0.0
        for i in range(first + 1, last):
            d = distance_to_segment(points[i], points[first], points[last])
            if d > distance:
                farthest, distance = i, d
        if distance > tolerance:
            keep.add(farthest)
            stack += [(first, farthest), (farthest, last)]
    return [points[i] for i in sorted(keep)]


@lru_cache(maxsize=8192)
def simplified_arc(index: int, tolerance: float) -> list[list[float]]:
    """One arc simplified to ``tolerance`` degrees, as rounded absolute coordinates."""
    points = simplify(arc_points()[index], tolerance)
    return [[round(lon, 3), round(lat, 3)] for lon, lat in points]


def subset_topology(features: Sequence[Feature], tolerance: float) -> dict[str, Any]:
    """A topology holding only the given outlines, with their arcs simplified and renumbered."""
    kept: dict[int, int] = {}
    for geometry, _properties in features:
        for index in arc_ids(geometry["arcs"]):
            kept.setdefault(index, len(kept))

    def renumber(arcs: Any) -> Any:
        if isinstance(arcs, int):
            return kept[arcs] if arcs >= 0 else ~kept[~arcs]
        return [renumber(part) for part in arcs]

    geometries = [{"type": g["type"], "arcs": renumber(g["arcs"]), "properties": properties}
                  for g, properties in features]
    return {"type": "Topology", "arcs": [simplified_arc(index, tolerance) for index in kept],
            "objects": {"countries": {"type": "GeometryCollection", "geometries": geometries}}}
