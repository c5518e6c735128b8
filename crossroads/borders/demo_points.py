"""Crossing points for the demo: real crossings of Moldova, Ukraine and Georgia.

Names, kinds and neighbours are those of the actual crossing points; coordinates are
approximate (to about a kilometre) and lanes are illustrative. They give the demo
border officers somewhere to record crossings; a deployment enters its own points.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from crossroads.borders.models import BorderCrossingPoint
from crossroads.reference.models import Country


@dataclass(frozen=True)
class DemoPoint:
    code: str
    name: str
    country: str
    kind: str
    neighbour: str | None
    latitude: str
    longitude: str
    lanes: int


POINTS = (
    DemoPoint("MDA-KIV", "Chișinău Airport", "MDA", "air", None, "46.928", "28.931", 12),
    DemoPoint("MDA-LEU", "Leușeni – Albița", "MDA", "land", "ROU", "46.792", "28.178", 8),
    DemoPoint("MDA-SCU", "Sculeni – Sculeni", "MDA", "land", "ROU", "47.332", "27.596", 4),
    DemoPoint("MDA-GIU", "Giurgiulești – Galați", "MDA", "land", "ROU", "45.476", "28.199", 4),
    DemoPoint("MDA-CAH", "Cahul – Oancea", "MDA", "land", "ROU", "45.910", "28.150", 4),
    DemoPoint("MDA-PAL", "Palanca – Maiaky-Udobne", "MDA", "land", "UKR", "46.405", "30.113", 6),
    DemoPoint("MDA-OTA", "Otaci – Mohyliv-Podilskyi", "MDA", "land", "UKR", "48.430", "27.795", 4),
    DemoPoint("MDA-CRI", "Criva – Mamalyha", "MDA", "land", "UKR", "48.267", "26.650", 4),
    DemoPoint("MDA-UNG", "Ungheni – Iași (railway)", "MDA", "rail", "ROU", "47.206", "27.799", 2),
    DemoPoint("UKR-KBP", "Kyiv Boryspil Airport", "UKR", "air", None, "50.345", "30.894", 20),
    DemoPoint("UKR-SHE", "Shehyni – Medyka", "UKR", "land", "POL", "49.807", "22.960", 10),
    DemoPoint("UKR-POR", "Porubne – Siret", "UKR", "land", "ROU", "47.980", "26.030", 8),
    DemoPoint("GEO-TBS", "Tbilisi Airport", "GEO", "air", None, "41.669", "44.955", 14),
    DemoPoint("GEO-SAR", "Sarpi – Sarp", "GEO", "land", "TUR", "41.521", "41.548", 10),
    DemoPoint("GEO-KAZ", "Kazbegi – Upper Lars", "GEO", "land", "RUS", "42.740", "44.630", 6),
    DemoPoint("GEO-RBR", "Red Bridge", "GEO", "land", "AZE", "41.330", "45.110", 6),
    DemoPoint("GEO-SAD", "Sadakhlo – Bagratashen", "GEO", "land", "ARM", "41.240", "44.800", 6),
)


@transaction.atomic
def load_demo_points() -> int:
    """Create the demo crossing points that do not exist yet; how many were created."""
    countries = {c.iso3: c for c in Country.objects.filter(
        iso3__in={p.country for p in POINTS} | {p.neighbour for p in POINTS if p.neighbour})}
    created = 0
    for point in POINTS:
        if point.country not in countries or BorderCrossingPoint.objects.filter(
                code=point.code.lower()).exists():
            continue
        record = BorderCrossingPoint(
            code=point.code.lower(), name=point.name, country=countries[point.country],
            kind=point.kind, neighbour=countries.get(point.neighbour or ""),
            latitude=Decimal(point.latitude), longitude=Decimal(point.longitude),
            lanes=point.lanes)
        record.full_clean()
        record.save()
        created += 1
    return created
