"""Footnotes: every number of a profile names its source and vintage.

A footnote is one indicator from one set of releases; figures that cite the same
pair share its number. Numbers are given in the order figures first cite them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from crossroads.evidence.models import Indicator
from crossroads.evidence.services.points import ReleaseInfo


def release_text(release: ReleaseInfo) -> str:
    """"UN DESA, International Migrant Stock 2020 (vintage 2020; released 15 January 2021)"."""
    return _("%(source)s, %(title)s (vintage %(vintage)s; released %(date)s)") % {
        "source": release.source_name, "title": release.title, "vintage": release.vintage,
        "date": date_format(release.published, "DATE_FORMAT"),
    }


class Notes:
    """The footnotes of one profile, numbered as figures cite them."""

    def __init__(self) -> None:
        self.numbers: dict[tuple[str, tuple[str, ...]], int] = {}
        self.items: list[dict[str, Any]] = []

    def cite(self, indicator: Indicator, releases: Iterable[ReleaseInfo]) -> int | None:
        """The number of the footnote for ``indicator`` from ``releases`` (None: no source)."""
        cited = list(releases)
        if not cited:
            return None
        key = (indicator.code, tuple(r.code for r in cited))
        if key not in self.numbers:
            self.numbers[key] = len(self.items) + 1
            self.items.append({
                "number": self.numbers[key], "indicator": indicator.code,
                "name": str(indicator), "definition": indicator.definition,
                "releases": [{"code": r.code, "source": r.source_name, "title": r.title,
                              "vintage": r.vintage, "published": r.published.isoformat()}
                             for r in cited],
                "text": "; ".join(release_text(r) for r in cited),
            })
        return self.numbers[key]
