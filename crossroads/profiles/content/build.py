"""A profile's document: parts A–C from the evidence base and the register, the annex.

:func:`build_content` returns plain JSON-ready data (the same data the HTML page, the
PDF and the ``.json`` view show, and what a published edition freezes). Labels are
written in the profile's language when it is built, so a frozen profile keeps its
words as well as its numbers.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from crossroads.evidence.choices import FormulaKind
from crossroads.evidence.services.catalogue import disagreements
from crossroads.evidence.services.keyfigures import format_value
from crossroads.evidence.services.points import Reference
from crossroads.profiles.content.governance import part_c
from crossroads.profiles.content.reader import Item, Reader
from crossroads.profiles.content.trends import part_a, part_b
from crossroads.profiles.models import STALE_AFTER

#: The version of the document's data layout (stored with every frozen profile).
SCHEMA = 1
#: Sources whose figures differ by more than this (percent) disagree.
TOLERANCE = 1.0
MAX_DISAGREEMENTS = 30


def build_content(user: Any, area_code: str, year: int, *, language: str = "en",
                  stale_after: int = STALE_AFTER,
                  reference: Reference | None = None) -> dict[str, Any]:
    """The document of a profile of ``area_code`` for ``year``, as ``user`` may see it.

    Raises ``UnknownCode`` for an unknown area. An area or year with little data gives
    a document whose missing figures say "no data" and are listed in the annex.
    """
    with translation.override(language):
        ref = reference or Reference.load()
        area = ref.area(area_code)
        reader = Reader(user, area, year, ref, stale_after=stale_after, language=language)
        parts = [part_a(reader), part_b(reader), part_c(reader)]
        members = [ref.areas[m] for m in ref.members.get(area.pk, ())]
        return {
            "schema": SCHEMA, "year": year, "language": language,
            "area": {"code": area.code, "name": str(area), "kind": area.kind,
                     "members": [{"code": m.code, "name": str(m)}
                                 for m in sorted(members, key=str)]},
            "generated": timezone.now().isoformat(timespec="seconds"),
            "data_version": ref.version, "stale_after": stale_after,
            "parts": parts, "gaps": gaps(reader, [m.pk for m in members] or [area.pk]),
            "footnotes": reader.notes.items, "charts": reader.charts,
        }


def gaps(reader: Reader, area_ids: list[int]) -> Item:
    """The annex: figures with no data, old figures, and figures where sources disagree."""
    return {"missing": reader.gaps.missing, "older": reader.gaps.older,
            "disagreements": source_disagreements(reader, area_ids)}


def source_disagreements(reader: Reader, area_ids: list[int]) -> list[Item]:
    """Totals that data sources report differently, in the years the profile draws on."""
    raw = [i for i in reader.ref.indicators.values() if i.formula == FormulaKind.RAW]
    periods = [str(y) for y in range(reader.year - reader.stale_after, reader.year + 1)]
    found = disagreements(reader.user, raw, area_ids, reader.ref, TOLERANCE, totals_only=True,
                          periods=periods)
    return [{
        "indicator": d.indicator.code, "label": str(d.indicator), "area": d.area.code,
        "area_name": str(d.area), "period": d.period,
        "values": [{"release": info.code, "source": info.source_name, "title": info.title,
                    "value": value, "display": format_value(value, d.indicator.unit)}
                   for info, value in d.values],
        "difference": d.difference,
        "difference_display": format_value(d.difference, d.indicator.unit),
        "percent": d.percent,
        "percent_display": _("%(percent)s %%") % {"percent": round(d.percent, 1)}
        if d.percent is not None else "–",
    } for d in found[:MAX_DISAGREEMENTS]]
