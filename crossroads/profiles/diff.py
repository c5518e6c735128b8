"""What changed between two versions of a profile: figures, narrative and data gaps."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from crossroads.profiles.document import figures_of

NARRATIVE = ("key_findings", "recommendations")


@dataclass
class FigureChange:
    key: str
    label: str
    before: str
    after: str
    before_year: int | None
    after_year: int | None


@dataclass
class Comparison:
    figures: list[FigureChange] = field(default_factory=list)
    #: Per narrative field: lines as ("+"|"-"|" ", text).
    narrative: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    gaps_added: list[str] = field(default_factory=list)
    gaps_removed: list[str] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        return not (self.figures or self.gaps_added or self.gaps_removed
                    or any(op != " " for lines in self.narrative.values() for op, _ in lines))


def compare(before: dict[str, Any], after: dict[str, Any]) -> Comparison:
    """The differences from document ``before`` to document ``after``."""
    result = Comparison()
    old, new = figures_of(before), figures_of(after)
    for key in [*old, *[k for k in new if k not in old]]:
        a, b = old.get(key), new.get(key)
        if a is None or b is None or a["value"] != b["value"] or a["year"] != b["year"]:
            label = (b or a or {}).get("label", key)
            result.figures.append(FigureChange(
                key, label, a["display"] if a else "–", b["display"] if b else "–",
                a["year"] if a else None, b["year"] if b else None))
    for name in NARRATIVE:
        result.narrative[name] = narrative_diff(before.get("profile", {}).get(name, ""),
                                                after.get("profile", {}).get(name, ""))
    missing_before = {g["label"] for g in before.get("gaps", {}).get("missing", [])}
    missing_after = {g["label"] for g in after.get("gaps", {}).get("missing", [])}
    result.gaps_added = sorted(missing_after - missing_before)
    result.gaps_removed = sorted(missing_before - missing_after)
    return result


def narrative_diff(before: str, after: str) -> list[tuple[str, str]]:
    """Line by line: kept (" "), removed ("-") and added ("+") lines."""
    lines = difflib.ndiff(before.splitlines(), after.splitlines())
    return [(line[0], line[2:]) for line in lines if line[:1] in "+- "]
