"""The shape of a figure as pages, charts and exports consume it.

``crossroads.evidence.services.query.series`` returns these for raw and derived
indicators alike, for countries and for regional aggregates; exporters and charts
read nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Coverage:
    """How many members of a region a regional figure covers, and how."""

    covered: int
    members: int
    missing: tuple[str, ...] = ()
    #: Members counted inside another member's figure (Kosovo within Serbia).
    included_in_others: tuple[str, ...] = ()

    def __str__(self) -> str:
        text = f"{self.covered} of {self.members} members"
        if self.included_in_others:
            text += f" ({', '.join(self.included_in_others)} counted within another member)"
        return text


@dataclass(frozen=True)
class Value:
    """One figure: an indicator's value for an area, period and breakdown.

    ``value`` is in base units (the unit multiplier applied). ``releases`` names the
    release(s) it was read or computed from, so a number on a page can be traced.
    """

    indicator: str
    area: str
    period: str
    value: float | None
    sex: str = "_T"
    age: str = "_T"
    origin: str | None = None
    destination: str | None = None
    status: str = "A"
    confidentiality: str = "F"
    releases: tuple[str, ...] = ()
    coverage: Coverage | None = None
    observation_ids: tuple[int, ...] = field(default=(), compare=False)
