"""A snapshot of the evidence base's reference records: areas, regions, releases, indicators.

Services load it once per call (or per page, passed along), so figures are turned into
codes and cited without a query per row.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from django.core.cache import cache

from crossroads.evidence.models import Area, Indicator, Observation, Release
from crossroads.reference.models import Region


class UnknownCode(LookupError):
    """An indicator or area code that does not exist."""


@dataclass(frozen=True)
class AreaInfo:
    """What the services need to know about an area."""

    pk: int
    code: str
    name: str
    name_ru: str
    kind: str

    def __str__(self) -> str:
        from django.utils.translation import get_language

        if (get_language() or "en").startswith("ru") and self.name_ru:
            return self.name_ru
        return self.name


@dataclass(frozen=True)
class ReleaseInfo:
    """A release and its data source, as pages cite them."""

    pk: int
    code: str
    title: str
    vintage: str
    published: date
    source_code: str
    source_name: str
    producer: str
    kosovo_convention: str

    @cached_property
    def rank(self) -> int:
        """The order of releases (as ``Release.rank``: later publication, larger rank)."""
        return int(self.published.strftime("%Y%m%d"))


@dataclass
class Reference:
    """A snapshot of areas, regions, releases and indicators (four small queries)."""

    areas: dict[int, AreaInfo]
    codes: dict[str, AreaInfo]
    members: dict[int, tuple[int, ...]]
    releases: dict[int, ReleaseInfo]
    indicators: dict[str, Indicator]
    #: Changes whenever observations may have changed (an import saves its release).
    version: str = ""
    _by_pk: dict[int, Indicator] = field(default_factory=dict)
    _codes: dict[frozenset[int], tuple[str, ...]] = field(default_factory=dict)
    _holdings: dict[int, set[int]] | None = None

    @classmethod
    def load(cls) -> Reference:
        areas = {pk: AreaInfo(pk, code, name, name_ru, kind) for pk, code, name, name_ru, kind
                 in Area.objects.values_list("pk", "code", "name", "name_ru", "kind")}
        region_area = dict(Area.objects.filter(region__isnull=False)
                           .values_list("region_id", "pk"))
        members: dict[int, list[int]] = {pk: [] for pk in region_area.values()}
        through = Region.countries.through.objects.values_list(  # type: ignore[attr-defined]
            "region_id", "country__evidence_area")
        for region_id, area_id in through:
            if region_id in region_area and area_id is not None:
                members[region_area[region_id]].append(area_id)
        releases, stamps = {}, []
        for r in Release.objects.select_related("source"):
            releases[r.pk] = ReleaseInfo(r.pk, r.code, r.title, r.vintage, r.published,
                                         r.source.code, r.source.name, r.source.producer,
                                         r.source.kosovo_convention)
            stamps.append((r.pk, r.last_updated, r.imported_at))
        indicators = {i.code: i for i in Indicator.objects.all()}
        ordered = {pk: tuple(sorted(ids, key=lambda i: areas[i].code))
                   for pk, ids in members.items()}
        return cls(areas, {a.code: a for a in areas.values()}, ordered, releases, indicators,
                   data_version(stamps), {i.pk: i for i in indicators.values()})

    def area(self, code: str) -> AreaInfo:
        try:
            return self.codes[code]
        except KeyError:
            raise UnknownCode(f"no statistical area with the code {code!r}") from None

    def indicator(self, code: str) -> Indicator:
        try:
            return self.indicators[code]
        except KeyError:
            raise UnknownCode(f"no indicator with the code {code!r}") from None

    def indicator_by_pk(self, pk: int | None) -> Indicator:
        if pk is None or pk not in self._by_pk:
            raise UnknownCode(f"no indicator with the id {pk!r}")
        return self._by_pk[pk]

    def releases_of(self, indicator: Indicator) -> list[ReleaseInfo]:
        """The releases holding observations of an indicator (one query per data version).

        Only used to skip queries that would find nothing; figures themselves are always
        read through ``restrict()``.
        """
        if self._holdings is None:
            key = f"evidence:holdings:{self.version}"
            self._holdings = cache.get(key)
            if self._holdings is None:
                self._holdings = {}
                pairs = Observation.objects.order_by().values_list("indicator_id", "release_id")
                for indicator_id, release_id in pairs.distinct():
                    self._holdings.setdefault(indicator_id, set()).add(release_id)
                cache.set(key, self._holdings, 24 * 3600)
        return [self.releases[r] for r in self._holdings.get(indicator.pk, ())
                if r in self.releases]

    def is_region(self, area_id: int) -> bool:
        return area_id in self.members

    def code(self, area_id: int | None) -> str | None:
        return None if area_id is None else self.areas[area_id].code

    def rank(self, release_id: int) -> int:
        return self.releases[release_id].rank

    def release_codes(self, ids: frozenset[int]) -> tuple[str, ...]:
        """Release codes, oldest first."""
        codes = self._codes.get(ids)
        if codes is None:
            codes = self._codes[ids] = tuple(self.releases[i].code
                                             for i in sorted(ids, key=self.rank))
        return codes


def data_version(stamps: list[tuple[int, Any, Any]]) -> str:
    """A fingerprint of the releases and of the newest observation (one more query)."""
    newest = Observation.objects.order_by("-pk").values_list("pk", flat=True).first()
    text = repr((sorted(stamps, key=lambda s: s[0]), newest))
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()
