"""The importer framework: all or nothing, idempotent, latest release, problems with lines."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from crossroads.core.models import ObjectChange
from crossroads.evidence.choices import KosovoConvention, Producer, SourceKind
from crossroads.evidence.definitions import load_definitions
from crossroads.evidence.importers.base import (
    Figure,
    Importer,
    ImportFailed,
    ReleaseSpec,
    SourceSpec,
)
from crossroads.evidence.importers.values import read_number
from crossroads.evidence.models import Observation, Release
from crossroads.reference.loaders.countries import load_countries

pytestmark = pytest.mark.django_db


class PopulationCsv(Importer):
    """A tiny importer for the tests: country,year,value rows."""

    name = "test-population"
    description = "Population from a test CSV"
    source = SourceSpec("test-source", "Test source", Producer.OTHER, SourceKind.ESTIMATE,
                        KosovoConvention.SEPARATE)
    release = ReleaseSpec("test-2020", "Test release 2020", "2020", date(2020, 6, 1))

    def read(self, path: Path) -> Iterator[Figure]:
        with path.open(encoding="utf-8", newline="") as handle:
            for line, row in enumerate(csv.DictReader(handle), start=2):
                reading = read_number(row["value"])
                yield Figure("POP", row["country"], row["year"], reading.value, line=line,
                             status=reading.status)


class LaterPopulationCsv(PopulationCsv):
    name = "test-population-2021"
    release = ReleaseSpec("test-2021", "Test release 2021", "2021", date(2021, 6, 1))


@pytest.fixture
def definitions() -> None:
    load_countries()
    load_definitions()


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_an_import_writes_observations_with_their_provenance(definitions, tmp_path) -> None:
    path = write(tmp_path, "pop.csv", "country,year,value\nRepublic of Moldova,2015,\"3 554 150\"\n"
                 "Kosovo,2015,1788196\nWorld,2015,..\n")
    report = PopulationCsv().run([path])
    assert report.written == 3
    moldova = Observation.objects.get(area__code="MDA")
    assert (moldova.value, moldova.period, moldova.release.code) == (3554150.0, "2015", "test-2020")
    assert moldova.release.files.get().sha256 == report_checksum(path)
    assert Observation.objects.get(area__code="WORLD").status == "M"


def test_reimporting_the_same_file_changes_nothing(definitions, tmp_path) -> None:
    path = write(tmp_path, "pop.csv", "country,year,value\nMDA,2015,1\n")
    PopulationCsv().run([path])
    ids = list(Observation.objects.values_list("pk", flat=True))
    changes = ObjectChange.objects.count()
    report = PopulationCsv().run([path])
    assert report.unchanged and report.written == 0
    assert list(Observation.objects.values_list("pk", flat=True)) == ids
    assert ObjectChange.objects.count() == changes


def test_a_bad_row_writes_nothing_and_names_the_line(definitions, tmp_path) -> None:
    path = write(tmp_path, "pop.csv",
                 "country,year,value\nMDA,2015,1\nMDA,20x5,2\nAtlantis,2015,3\n")
    with pytest.raises(ImportFailed) as failure:
        PopulationCsv().run([path])
    text = str(failure.value)
    assert "pop.csv:3: '20x5' is not a period" in text
    assert "no area for 'Atlantis'" in text
    assert Observation.objects.count() == 0 and not Release.objects.exists()


def test_a_figure_given_twice_is_refused(definitions, tmp_path) -> None:
    path = write(tmp_path, "pop.csv", "country,year,value\nMDA,2015,1\nMoldova,2015,2\n")
    with pytest.raises(ImportFailed, match="appears twice"):
        PopulationCsv().run([path])


def test_an_unreadable_file_is_a_problem_not_a_crash(definitions, tmp_path) -> None:
    path = write(tmp_path, "pop.csv", "country,year\nMDA,2015\n")
    with pytest.raises(ImportFailed, match="cannot read the file"):
        PopulationCsv().run([path])


def test_the_latest_release_is_current_and_a_vintage_can_be_pinned(definitions, tmp_path) -> None:
    PopulationCsv().run([write(tmp_path, "a.csv", "country,year,value\nMDA,2015,1\nMDA,2010,5\n")])
    LaterPopulationCsv().run([write(tmp_path, "b.csv", "country,year,value\nMDA,2015,2\n")])
    current = {o.period: o.value for o in Observation.objects.current()}
    assert current == {"2015": 2.0, "2010": 5.0}  # 2010 only exists in the older release
    pinned = {o.period: o.value for o in Observation.objects.vintage("test-2020")}
    assert pinned == {"2015": 1.0, "2010": 5.0}


def test_loading_the_definitions_twice_changes_nothing(definitions) -> None:
    changes = ObjectChange.objects.count()
    load_definitions()
    assert ObjectChange.objects.count() == changes


def report_checksum(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()
