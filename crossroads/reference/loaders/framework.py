"""Load the strategic framework, its region and the regional bodies from framework.yaml."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from django.db import transaction

from crossroads.reference.choices import MembershipStatus, RegionKind
from crossroads.reference.loaders.common import DATA_DIR, LoadResult, sync_many, upsert
from crossroads.reference.loaders.errors import ReferenceDataError
from crossroads.reference.loaders.framework_spec import (
    BodySpec,
    FrameworkSpec,
    RegionSpec,
    SpecReader,
)
from crossroads.reference.loaders.yamlsource import YamlSource
from crossroads.reference.models import (
    Activity,
    Country,
    Membership,
    OperationalPrinciple,
    Region,
    RegionalBody,
    StrategicFramework,
    StrategicObjective,
    ThematicArea,
    ThematicObjective,
)

FRAMEWORK_YAML = DATA_DIR / "framework.yaml"

Results = dict[str, LoadResult]


def read_framework(path: Path) -> FrameworkSpec:
    """The checked specification in a framework file; raises listing every problem."""
    source = YamlSource.read(path)
    countries = set(Country._base_manager.values_list("iso3", flat=True))
    reader = SpecReader(source, countries)
    spec = reader.read()
    if reader.problems:
        raise ReferenceDataError(reader.problems)
    return spec


class FrameworkWriter:
    """Writes a checked specification, saving only records whose values differ."""

    def __init__(self) -> None:
        self.results: Results = defaultdict(LoadResult)
        self.countries = {country.iso3: country for country in Country._base_manager.all()}

    def region(self, spec: RegionSpec, kind: str, parent: Region | None) -> Region:
        """A region with exactly the listed member countries."""
        region = upsert(
            Region, {"code": spec.code}, {"name": spec.name, "kind": kind, "parent": parent},
            self.results["regions"],
        )
        sync_many(region.countries, [self.countries[code] for code in spec.members])
        return region

    def parts(
        self, model: type, key: str, framework: StrategicFramework, titles: dict[str, str]
    ) -> dict:
        """Coded parts of a framework (objectives, areas, principles) by code."""
        return {
            code: upsert(
                model, {"framework": framework, "code": code}, {"title": title}, self.results[key]
            )
            for code, title in titles.items()
        }

    def objectives(self, framework: StrategicFramework, spec: FrameworkSpec) -> None:
        """Thematic areas, and thematic objectives with their numbered activities."""
        areas = self.parts(ThematicArea, "thematic_areas", framework, spec.thematic_areas)
        for objective_spec in spec.thematic_objectives:
            objective = upsert(
                ThematicObjective,
                {"framework": framework, "code": objective_spec.code},
                {"title": objective_spec.title, "area": areas[objective_spec.area]},
                self.results["thematic_objectives"],
            )
            for position, description in enumerate(objective_spec.activities, start=1):
                upsert(
                    Activity, {"objective": objective, "position": position},
                    {"description": description}, self.results["activities"],
                )

    def body(self, spec: BodySpec) -> RegionalBody:
        """A regional body and its memberships (existing memberships are never removed)."""
        body = upsert(
            RegionalBody, {"code": spec.code},
            {"name": spec.name, "kind": spec.kind, "launched": spec.launched},
            self.results["regional_bodies"],
        )
        statuses = [(code, MembershipStatus.MEMBER.value) for code in spec.members]
        statuses += [(code, MembershipStatus.OBSERVER.value) for code in spec.observers]
        for code, status in statuses:
            upsert(
                Membership, {"body": body, "country": self.countries[code]}, {"status": status},
                self.results["memberships"],
            )
        return body

    def write(self, spec: FrameworkSpec) -> Results:
        """Everything in the specification, in dependency order."""
        region = self.region(spec.region, RegionKind.REGION.value, None)
        for subregion in spec.subregions:
            self.region(subregion, RegionKind.SUBREGION.value, region)
        framework = upsert(
            StrategicFramework, {"code": spec.code},
            {
                "name": spec.name, "region": region, "goal": spec.goal,
                "period_start": spec.period_start, "period_end": spec.period_end,
            },
            self.results["strategic_frameworks"],
        )
        self.parts(StrategicObjective, "strategic_objectives", framework, spec.strategic_objectives)
        self.objectives(framework, spec)
        self.parts(OperationalPrinciple, "operational_principles", framework, spec.principles)
        for body in spec.bodies:
            self.body(body)
        return dict(self.results)


def load_framework(path: Path | str | None = None) -> Results:
    """Create or update the framework from a YAML file (default: the shipped framework.yaml).

    Countries must be loaded first. The whole file is checked before anything is
    written; problems raise :class:`ReferenceDataError` with file and line. Returns a
    :class:`LoadResult` per kind of record ("regions", "thematic_objectives", …).
    """
    spec = read_framework(Path(path) if path is not None else FRAMEWORK_YAML)
    with transaction.atomic():
        return FrameworkWriter().write(spec)
