"""What the UNHCR importers share: the producer, the Kosovo convention, labels, CSV rows."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from crossroads.evidence.choices import KosovoConvention, Producer, SourceKind
from crossroads.evidence.importers.base import SourceSpec
from crossroads.evidence.importers.values import Reading, read_number

#: The label UNHCR gives an origin (or a country of asylum) that is various or unknown.
VARIOUS = "Various/Unknown"
#: The label of the world total (the "Total" rows of the Global Trends tables).
WORLD = "World"

WEBSITE = "https://www.unhcr.org/refugee-statistics/"
KOSOVO_NOTE = ("UNHCR counts Kosovo within Serbia: its 'Serbia and Kosovo (S/RES/1244 (1999))' "
               "is mapped to SRB, and Kosovo (XKX) has no figure of its own.")
SUCCESSOR_NOTE = ("UNHCR labels every year with present-day countries: figures for the Soviet "
                  "Union, Yugoslavia and Czechoslovakia before their dissolution are given under "
                  "'Russian Federation', 'Serbia and Kosovo (S/RES/1244 (1999))' and 'Czech Rep.', "
                  "and are kept there as UNHCR attributes them.")
ORIGIN_NOTE = ("Origins that are not countries are areas of kind 'other': 'Various/Unknown' "
               "(UNHCR-VARIOUS), 'Stateless' (UNHCR-STATELESS), 'Tibetan' (UNHCR-TIBETAN). "
               "'Palestinian' (refugees under UNHCR's mandate; UNRWA's are not counted) is "
               "mapped to PSE, as UNHCR's own later data code it.")


def unhcr_source(code: str, name: str, coverage: str, periodicity: str, quality: str,
                 access: str = "Public (UNHCR data; no licence stated in the file)") -> SourceSpec:
    """A UNHCR data source: international database, Kosovo counted within Serbia."""
    return SourceSpec(
        code=code, name=name, producer=Producer.UNHCR, kind=SourceKind.INTERNATIONAL,
        kosovo_convention=KosovoConvention.WITHIN_SERBIA,
        producer_name="Office of the United Nations High Commissioner for Refugees",
        coverage=coverage, periodicity=periodicity, access_conditions=access,
        quality_notes=" ".join((quality, KOSOVO_NOTE)), website=WEBSITE,
    )


def csv_rows(path: Path, problem: Callable[[Path, int, str], None]
             ) -> Iterator[tuple[int, list[str]]]:
    """Every row of a UTF-8 CSV file (the header first) with the line it starts on.

    A line that is not UTF-8 is reported to ``problem`` (and read with replacement
    characters, so that the rest of the file is still checked).
    """
    with path.open("rb") as handle:
        reader = csv.reader(decoded_lines(path, handle, problem))
        line = 1
        for row in reader:
            if any(cell.strip() for cell in row):
                yield line, [cell.strip() for cell in row]
            line = reader.line_num + 1


def decoded_lines(path: Path, handle: Iterable[bytes],
                  problem: Callable[[Path, int, str], None]) -> Iterator[str]:
    """The lines of a file as text; one that is not UTF-8 is a problem (and read anyway)."""
    for number, raw in enumerate(handle, start=1):
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError as error:
            problem(path, number, f"not UTF-8 text ({error.reason} at byte {error.start})")
            yield raw.decode("utf-8", errors="replace")


def read_count(cell: str) -> Reading:
    """A count as UNHCR writes it: plain digits (read at once), else as :func:`read_number`."""
    if cell.isascii() and cell.isdigit():
        return Reading(float(cell))
    return read_number(cell)
