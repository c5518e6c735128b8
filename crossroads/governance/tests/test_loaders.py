"""The international instruments shipped as reference data, and their loader."""

from __future__ import annotations

from pathlib import Path

import pytest

from crossroads.governance.loaders import load_instruments
from crossroads.governance.models import InstrumentStatus, InternationalInstrument
from crossroads.reference.loaders.errors import ReferenceDataError

pytestmark = pytest.mark.django_db

GOOD = """instruments:
  - code: one
    title: First convention
    adopted_year: 1951
    organisation: United Nations
"""


def test_it_loads_the_ten_shipped_instruments_and_no_country_status() -> None:
    result = load_instruments()
    assert result.created == 10
    codes = set(InternationalInstrument.objects.values_list("code", flat=True))
    assert {"refugee-convention-1951", "refugee-protocol-1967", "ilo-c097", "ilo-c143",
            "coe-trafficking-2005", "trafficking-protocol-2000"} <= codes
    assert not InstrumentStatus.objects.exists()


def test_loading_twice_changes_nothing() -> None:
    load_instruments()
    again = load_instruments()
    assert (again.created, again.updated, again.unchanged) == (0, 0, 10)


def test_a_changed_title_updates_the_instrument(tmp_path: Path) -> None:
    path = tmp_path / "instruments.yaml"
    path.write_text(GOOD)
    load_instruments(path)
    path.write_text(GOOD.replace("First convention", "Renamed convention"))
    assert load_instruments(path).updated == 1
    assert InternationalInstrument.objects.get(code="one").title == "Renamed convention"


def test_a_malformed_file_is_refused_with_its_line_and_nothing_is_written(
        tmp_path: Path) -> None:
    path = tmp_path / "instruments.yaml"
    path.write_text(GOOD + "  - code: two\n    title: Second\n    adopted_year: soon\n"
                    "    organisation: ILO\n")
    with pytest.raises(ReferenceDataError) as raised:
        load_instruments(path)
    assert f"{path}:8: invalid adopted_year 'soon'" in str(raised.value)
    assert not InternationalInstrument.objects.exists()


def test_a_yaml_syntax_error_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "instruments.yaml"
    path.write_text(GOOD + "  - code: [unclosed\n")
    with pytest.raises(ReferenceDataError, match=rf"{path}:\d+: invalid YAML"):
        load_instruments(path)


def test_a_duplicate_code_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "instruments.yaml"
    path.write_text(GOOD + GOOD.split("\n", 1)[1])
    with pytest.raises(ReferenceDataError, match="duplicate code 'one'"):
        load_instruments(path)
    assert not InternationalInstrument.objects.exists()
