"""Made-up figures for the query, derived, aggregate, key-figures and catalogue tests.

``EvidenceTestCase`` loads the reference data (countries, the SEEECA region and its
sub-regions) and the evidence definitions once per test class; tests then write a
few releases and observations by hand with :func:`release` and :func:`put`, and call
:func:`finish` to mark the current release of each figure.
"""

from __future__ import annotations

from datetime import date

from crossroads.evidence.choices import AreaKind, KosovoConvention, Producer, SourceKind
from crossroads.evidence.definitions import load_indicators
from crossroads.evidence.importers.periods import parse_period
from crossroads.evidence.models import Area, DataSource, Indicator, Observation, Release
from crossroads.evidence.models.observations import refresh_latest_of_indicators, series_key
from crossroads.reference.loaders import load_reference
from crossroads.reference.models import Country, Region
from crossroads.testing.base import CrossroadsTestCase

#: Members of the default region (framework.yaml).
SEEECA = ("ALB", "ARM", "AZE", "BLR", "BIH", "GEO", "ISR", "KAZ", "XKX", "KGZ", "MKD", "MDA",
          "MNE", "RUS", "SRB", "TJK", "TUR", "TKM", "UKR", "UZB")
WESTERN_BALKANS = ("ALB", "BIH", "XKX", "MKD", "MNE", "SRB")


class EvidenceTestCase(CrossroadsTestCase):
    """Reference data, statistical areas and indicator definitions, plus the base users."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        load_reference()
        make_areas()
        load_indicators()


def make_areas() -> None:
    """An area per country and region, and the world (what ``load_areas`` makes, minus the
    crosswalk, which only importers need; bulk-created to keep the tests fast)."""
    areas = [Area(code=c.iso3, name=c.name, name_ru=c.name_ru, kind=AreaKind.COUNTRY, country=c,
                  m49=c.numeric) for c in Country.objects.all()]
    areas += [Area(code=r.code.upper(), name=r.name, name_ru=r.name_ru, kind=AreaKind.REGION,
                   region=r) for r in Region.objects.all()]
    areas.append(Area(code="WORLD", name="World", kind=AreaKind.AGGREGATE, m49="900"))
    Area.objects.bulk_create(areas)


def release(code: str, source: str, *, producer: str = Producer.UN_DESA,
            kosovo: str = KosovoConvention.WITHIN_SERBIA, published: date = date(2020, 1, 1),
            title: str = "") -> Release:
    """A release of a (new or existing) data source."""
    data_source, _ = DataSource.objects.get_or_create(code=source, defaults={
        "name": f"Source {source}", "producer": producer, "kind": SourceKind.INTERNATIONAL,
        "kosovo_convention": kosovo,
    })
    return Release.objects.create(source=data_source, code=code, title=title or f"Release {code}",
                                  vintage=str(published.year), published=published)


def put(rel: Release, indicator: str, area: str, period: str | int, value: float | None, *,
        sex: str = "_T", age: str = "_T", origin: str | None = None,
        destination: str | None = None, multiplier: int = 0, status: str = "A",
        confidentiality: str = "F") -> Observation:
    """One observation, with its series key (call :func:`finish` after the last one)."""
    ind = Indicator.objects.get(code=indicator)
    where = Area.objects.get(code=area)
    came_from = Area.objects.get(code=origin) if origin else None
    going_to = Area.objects.get(code=destination) if destination else None
    when = parse_period(period)
    key = series_key(rel.source.code, ind.pk, where.pk, when.code, sex, age,
                     came_from and came_from.pk, going_to and going_to.pk)
    return Observation.objects.create(
        indicator=ind, area=where, period=when.code, period_start=when.start,
        period_end=when.end, frequency=when.frequency, sex=sex, age=age, origin=came_from,
        destination=going_to, value=value, unit_multiplier=multiplier, status=status,
        confidentiality=confidentiality, release=rel, key=key, release_rank=rel.rank,
    )


def finish() -> None:
    """Mark which observations come from the latest release of their figure."""
    refresh_latest_of_indicators(Indicator.objects.values_list("pk", flat=True))
