"""The crosswalk: every country name or code a source uses, mapped to one area.

Labels are compared in a normal form (case folded, footnote markers and stray
punctuation removed). Country and territory names, official names, Russian names,
ISO alpha-3 and M49 codes come from reference data; every other label a source uses
(historic names, aggregates, spelling variants) is listed in ``data/crosswalk.csv``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from crossroads.evidence.models import Area, AreaAlias

FOOTNOTE = re.compile(r"(\s*\*+|\s*\([a-z]\)|\s*\[\d+\]|\s+\d{1,2}(?:,\d{1,2})*)$")
SPACES = re.compile(r"\s+")
QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "–": "-", "—": "-", "\u00a0": " "})


def normalise_label(label: str) -> str:
    """The form in which labels are compared: ``Réunion *`` and ``réunion`` meet."""
    text = unicodedata.normalize("NFKC", str(label)).translate(QUOTES).strip()
    previous = None
    while previous != text:  # several markers may follow each other: "Sudan (a) *"
        previous = text
        text = FOOTNOTE.sub("", text).strip()
    return SPACES.sub(" ", text).casefold()


@dataclass
class Crosswalk:
    """Resolves source labels and codes to areas, remembering what it could not map."""

    by_key: dict[str, Area] = field(default_factory=dict)
    unmapped: dict[str, list[int | None]] = field(default_factory=dict)
    #: Labels already resolved (sources repeat the same few hundred labels a million times).
    seen: dict[str, Area | None] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Crosswalk:
        """The crosswalk as stored: aliases, then area codes and M49 codes."""
        crosswalk = cls()
        areas = {area.pk: area for area in Area.objects.all()}
        for area in areas.values():
            crosswalk.by_key.setdefault(normalise_label(area.code), area)
            if area.m49:
                crosswalk.by_key.setdefault(area.m49.zfill(3), area)
        for key, area_id in AreaAlias.objects.values_list("key", "area_id"):
            crosswalk.by_key[key] = areas[area_id]
        return crosswalk

    def lookup(self, text: str) -> Area | None:
        """The area of a label or code, without remembering anything."""
        if re.fullmatch(r"\d{1,3}(\.0)?", text):
            text = text.split(".")[0].zfill(3)  # M49 codes may come as numbers
        return self.by_key.get(normalise_label(text)) if text else None

    def resolve(self, label: str | int | None, line: int | None = None) -> Area | None:
        """The area a label or code means, or None (and the label is listed as unmapped)."""
        text = str(label if label is not None else "").strip()
        if text in self.seen:
            area = self.seen[text]
        else:
            area = self.lookup(text)
            self.seen[text] = area
        if area is None:
            self.unmapped.setdefault(text, []).append(line)
        return area
