"""Small, made-up evidence records for the generic suites (no real data needed)."""

from __future__ import annotations

from datetime import date
from itertools import count

from crossroads.evidence import models as m
from crossroads.evidence.models.observations import series_key

_serial = count(1)


def make_sources(suffix: str = "") -> list[m.DataSource]:
    return [m.DataSource.objects.create(
        code=f"src{suffix}-{i}", name=f"Source {suffix} {i}", producer="nso", kind="census",
    ) for i in range(3)]


def make_releases(suffix: str = "") -> list[m.Release]:
    source = make_sources(f"r{suffix}")[0]
    return [m.Release.objects.create(
        source=source, code=f"rel{suffix}-{i}", title=f"Release {suffix} {i}",
        vintage=str(2000 + i),
        published=date(2000 + i, 1, 1),
    ) for i in range(3)]


def make_release_files(suffix: str = "") -> list[m.ReleaseFile]:
    release = make_releases(f"f{suffix}")[0]
    return [m.ReleaseFile.objects.create(release=release, name=f"file{suffix}-{i}.csv",
                                         sha256="0" * 64, size=10, rows=1) for i in range(3)]


def make_indicators(suffix: str = "") -> list[m.Indicator]:
    return [m.Indicator.objects.create(
        code=f"IND{suffix.upper()}{i}", name=f"Indicator {suffix} {i}",
        definition="A made-up indicator.", unit="persons",
    ) for i in range(3)]


def make_areas(suffix: str = "") -> list[m.Area]:
    return [m.Area.objects.create(code=f"TEST-{suffix}{i}", name=f"Area {suffix} {i}",
                                  kind="aggregate") for i in range(3)]


def make_aliases(suffix: str = "") -> list[m.AreaAlias]:
    area = make_areas(f"a{suffix}")[0]
    return [m.AreaAlias.objects.create(label=f"Alias {suffix} {letter}", area=area)
            for letter in "ABC"]


def make_observations(suffix: str = "") -> list[m.Observation]:
    indicator = make_indicators(f"o{suffix}")[0]
    area = make_areas(f"o{suffix}")[0]
    release = make_releases(f"o{suffix}")[0]
    made = []
    for year in (2010, 2015, 2020):
        key = series_key(release.source.code, indicator.pk, area.pk, str(year), "_T", "_T",
                         None, None)
        made.append(m.Observation.objects.create(
            indicator=indicator, area=area, period=str(year), period_start=date(year, 1, 1),
            period_end=date(year, 12, 31), frequency="A", value=float(next(_serial)),
            release=release, key=key, release_rank=release.rank,
        ))
    return made
