"""Reading and checking framework.yaml into a plain specification, before anything is written."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.text import slugify

from crossroads.reference.choices import RegionalBodyKind
from crossroads.reference.loaders.errors import Problem
from crossroads.reference.loaders.yamlsource import Key, YamlSource

SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")
PART_CODE_LENGTH = 10
BODY_CODE_LENGTH = 50


@dataclass
class RegionSpec:
    """A region or sub-region and its member countries (alpha-3 codes)."""

    code: str
    name: str
    members: list[str]


@dataclass
class ObjectiveSpec:
    """A thematic objective: its area, title and activities in order."""

    code: str
    area: str
    title: str
    activities: list[str]


@dataclass
class BodySpec:
    """A regional process or organisation with its members and observers."""

    code: str
    name: str
    kind: str
    launched: int | None = None
    members: list[str] = field(default_factory=list)
    observers: list[str] = field(default_factory=list)
    path: tuple[Key, ...] = ()


@dataclass
class FrameworkSpec:
    """Everything framework.yaml defines, checked."""

    period_start: int = 0
    period_end: int = 0
    goal: str = ""
    region: RegionSpec = field(default_factory=lambda: RegionSpec("", "", []))
    subregions: list[RegionSpec] = field(default_factory=list)
    strategic_objectives: dict[str, str] = field(default_factory=dict)
    thematic_areas: dict[str, str] = field(default_factory=dict)
    thematic_objectives: list[ObjectiveSpec] = field(default_factory=list)
    principles: dict[str, str] = field(default_factory=dict)
    bodies: list[BodySpec] = field(default_factory=list)

    @property
    def code(self) -> str:
        """The framework's code, e.g. ``seeeca-2015-2020``."""
        return f"{self.region.code}-{self.period_start}-{self.period_end}"

    @property
    def name(self) -> str:
        """The framework's name, from its region and period."""
        return f"{self.region.name}: regional strategy {self.period_start}–{self.period_end}"


class SpecReader:
    """Turns a YAML document into a :class:`FrameworkSpec`, collecting every problem."""

    def __init__(self, source: YamlSource, countries: set[str]) -> None:
        self.source = source
        self.countries = countries
        self.problems: list[Problem] = []

    def report(self, message: str, *path: Key) -> None:
        """Record a problem at the value a path leads to."""
        self.problems.append(self.source.problem(message, *path))

    def get(self, *path: Key) -> Any:
        """The value at a path, or None."""
        value = self.source.data
        for key in path:
            in_mapping = isinstance(value, dict) and key in value
            in_list = isinstance(value, list) and isinstance(key, int) and key < len(value)
            if not (in_mapping or in_list):
                return None
            value = value[key]
        return value

    def mapping(self, *path: Key, required: bool = True) -> dict[Any, Any]:
        """A mapping at a path ({} and a problem if it is something else)."""
        value = self.get(*path)
        if isinstance(value, dict):
            return value
        if value is not None or required:
            self.report(f"{'/'.join(map(str, path))} must be a mapping", *path)
        return {}

    def sequence(self, *path: Key) -> list[Any]:
        """A list at a path ([] if absent; a problem if something else)."""
        value = self.get(*path)
        if value is None or isinstance(value, list):
            return value or []
        self.report(f"{'/'.join(map(str, path))} must be a list", *path)
        return []

    def text(self, *path: Key, max_length: int | None = None) -> str:
        """A non-empty string at a path."""
        value = self.get(*path)
        if not isinstance(value, str) or not value.strip():
            self.report(f"{'/'.join(map(str, path))} must be non-empty text", *path)
            return ""
        if max_length is not None and len(value) > max_length:
            self.report(f"{value!r} is longer than {max_length} characters", *path)
        return value.strip()

    def year(self, *path: Key, required: bool = True) -> int | None:
        """A year (integer 1900-2999) at a path."""
        value = self.get(*path)
        if value is None and not required:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2999:
            self.report(f"{'/'.join(map(str, path))} must be a year, not {value!r}", *path)
            return None
        return value

    def country_codes(self, *path: Key) -> list[str]:
        """Alpha-3 codes of known countries listed at a path, each once."""
        codes: list[str] = []
        for index, code in enumerate(self.sequence(*path)):
            if not isinstance(code, str) or code not in self.countries:
                self.report(f"unknown country code {code!r}", *path, index)
            elif code in codes:
                self.report(f"country {code} is listed twice", *path, index)
            else:
                codes.append(code)
        return codes

    def slug(self, value: Any, *path: Key) -> str:
        """A region code, lower-cased; must be a slug."""
        if not isinstance(value, str) or not SLUG.match(value):
            self.report(f"region code {value!r} must be letters, digits, '-' or '_'", *path)
            return ""
        return value.lower()

    def titled_codes(self, key: str) -> dict[str, str]:
        """A mapping of part codes (SO1, TA1, P1…) to titles."""
        parts = {}
        for code in self.mapping(key):
            if not isinstance(code, str) or len(code) > PART_CODE_LENGTH:
                self.report(f"code {code!r} must be text of at most {PART_CODE_LENGTH}", key, code)
                continue
            parts[code] = self.text(key, code)
        return parts

    def read(self) -> FrameworkSpec:
        """The whole specification (check ``problems`` before using it)."""
        spec = FrameworkSpec()
        if not isinstance(self.source.data, dict):
            self.report("the file must be a mapping of sections")
            return spec
        spec.period_start = self.year("period", "start") or 0
        spec.period_end = self.year("period", "end") or 0
        if spec.period_start and spec.period_end and spec.period_start > spec.period_end:
            self.report("period start is after its end", "period")
        spec.goal = self.text("goal")
        spec.region = self.read_region()
        spec.subregions = self.read_subregions()
        spec.strategic_objectives = self.titled_codes("strategic_objectives")
        spec.thematic_areas = self.titled_codes("thematic_areas")
        spec.thematic_objectives = self.read_objectives(spec.thematic_areas)
        spec.principles = self.titled_codes("operational_principles")
        spec.bodies = self.read_processes() + self.read_organisations()
        self.check_body_codes(spec.bodies)
        return spec

    def read_region(self) -> RegionSpec:
        """The region of the framework."""
        self.mapping("region")
        code = self.slug(self.get("region", "code"), "region", "code")
        name = self.text("region", "name", max_length=150)
        return RegionSpec(code, name, self.country_codes("region", "members"))

    def read_subregions(self) -> list[RegionSpec]:
        """The sub-regions, keyed by their codes."""
        subregions = []
        for key in self.mapping("region", "subregions", required=False):
            path = ("region", "subregions", key)
            code = self.slug(key, *path)
            name = self.text(*path, "name", max_length=150)
            subregions.append(RegionSpec(code, name, self.country_codes(*path, "members")))
        return subregions

    def read_objectives(self, areas: dict[str, str]) -> list[ObjectiveSpec]:
        """The thematic objectives, each under a known thematic area."""
        objectives = []
        for code in self.mapping("thematic_objectives"):
            path = ("thematic_objectives", code)
            if not isinstance(code, str) or len(code) > PART_CODE_LENGTH:
                self.report(f"code {code!r} must be text of at most {PART_CODE_LENGTH}", *path)
                continue
            self.mapping(*path)
            area = self.get(*path, "area")
            if area not in areas:
                self.report(f"{code}: unknown thematic area {area!r}", *path, "area")
            activities = [
                self.activity(*path, "activities", index)
                for index in range(len(self.sequence(*path, "activities")))
            ]
            objectives.append(ObjectiveSpec(code, str(area), self.text(*path, "title"), activities))
        return objectives

    def activity(self, *path: Key) -> str:
        """An activity's text; an unquoted ``label: text`` item (a YAML mapping) is kept whole."""
        value = self.get(*path)
        if isinstance(value, dict) and len(value) == 1:
            ((label, text),) = value.items()
            if isinstance(label, str) and isinstance(text, str):
                return f"{label.strip()}: {text.strip()}"
        return self.text(*path)

    def read_processes(self) -> list[BodySpec]:
        """The regional consultative processes, dialogues and initiatives."""
        bodies = []
        for index, _entry in enumerate(self.sequence("regional_processes")):
            path = ("regional_processes", index)
            self.mapping(*path)
            kind = self.get(*path, "kind")
            if kind not in RegionalBodyKind.values:
                self.report(f"unknown kind {kind!r}", *path, "kind")
            body = BodySpec(
                code=self.text(*path, "code", max_length=BODY_CODE_LENGTH),
                name=self.text(*path, "name", max_length=200),
                kind=str(kind),
                launched=self.year(*path, "launched", required=False),
                members=self.country_codes(*path, "members"),
                observers=self.country_codes(*path, "observers"),
                path=path,
            )
            for country in set(body.members) & set(body.observers):
                self.report(f"{country} is both a member and an observer of {body.code}", *path)
            bodies.append(body)
        return bodies

    def read_organisations(self) -> list[BodySpec]:
        """The regional organisations, coded by their upper-cased slugged names."""
        bodies = []
        for index, _name in enumerate(self.sequence("regional_organisations")):
            name = self.text("regional_organisations", index, max_length=200)
            code = slugify(name).upper()[:BODY_CODE_LENGTH]
            if name:
                kind = RegionalBodyKind.ORGANISATION.value
                bodies.append(BodySpec(code, name, kind, path=("regional_organisations", index)))
        return bodies

    def check_body_codes(self, bodies: list[BodySpec]) -> None:
        """Report regional bodies that share a code."""
        seen: set[str] = set()
        for body in bodies:
            if body.code and body.code in seen:
                self.report(f"more than one regional body has the code {body.code!r}", *body.path)
            seen.add(body.code)
