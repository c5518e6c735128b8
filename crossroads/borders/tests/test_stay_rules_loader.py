"""The default stay rules shipped with their legal basis, and their loader."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command

from crossroads.borders.models import StayRule
from crossroads.borders.stay_rules.loaders import STAY_RULES_YAML, load_stay_rules
from crossroads.borders.stay_rules.services import rule_for
from crossroads.reference.loaders.errors import ReferenceDataError
from crossroads.reference.models import Country

pytestmark = pytest.mark.django_db

CODES = {"RUS": "RU", "MDA": "MD", "UKR": "UA", "SRB": "RS", "TUR": "TR", "GEO": "GE",
         "ARM": "AM", "AZE": "AZ"}

GOOD = """rules:
  - country: MDA
    name: Visa-free
    permit_kind: none
    kind: rolling
    days: 90
    window: 180
    legal_basis: Law No. 200/2010
"""


@pytest.fixture(autouse=True)
def countries() -> None:
    for iso3, iso2 in CODES.items():
        Country.objects.get_or_create(iso3=iso3, defaults={"iso2": iso2, "name": iso3})


def test_the_shipped_rules_load_each_with_its_legal_basis() -> None:
    result = load_stay_rules()
    assert result.created == StayRule.objects.count() >= 8
    assert not StayRule.objects.filter(legal_basis="").exists()
    russia = Country.objects.get(iso3="RUS")
    rule = rule_for(russia, "UZB", "passport", "none", date(2026, 1, 1))
    assert rule is not None and (rule.kind, rule.days, rule.window) == ("rolling", 90, 180)
    assert "115-FZ" in rule.legal_basis
    georgia = Country.objects.get(iso3="GEO")
    rule = rule_for(georgia, "UKR", "passport", "none", date(2026, 1, 1))
    assert rule is not None and rule.days == 365


def test_loading_twice_changes_nothing() -> None:
    first = load_stay_rules()
    again = load_stay_rules()
    assert (again.created, again.updated, again.unchanged) == (0, 0, first.total)


def test_the_command_loads_the_shipped_file(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("load_stay_rules")
    assert "created" in capsys.readouterr().out
    assert STAY_RULES_YAML.is_file()


def test_a_corrected_legal_basis_updates_the_rule(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(GOOD)
    load_stay_rules(path)
    path.write_text(GOOD.replace("200/2010", "200 of 16 July 2010"))
    assert load_stay_rules(path).updated == 1
    assert StayRule.objects.get().legal_basis == "Law No. 200 of 16 July 2010"


def test_bad_entries_are_refused_with_their_lines_and_nothing_is_written(
        tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(GOOD + "  - country: XXX\n    name: Bad\n    kind: forever\n"
                    "    legal_basis: none\n")
    with pytest.raises(ReferenceDataError) as raised:
        load_stay_rules(path)
    text = str(raised.value)
    assert f"{path}:9: unknown country 'XXX'" in text
    assert f"{path}:11: unknown kind 'forever'" in text
    assert not StayRule.objects.exists()


def test_a_rule_missing_its_days_or_clashing_with_another_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(GOOD.replace("    days: 90\n", ""))
    with pytest.raises(ReferenceDataError, match="days"):
        load_stay_rules(path)
    path.write_text(GOOD + GOOD.split("\n", 1)[1].replace("Visa-free", "Again"))
    with pytest.raises(ReferenceDataError, match="same travellers and dates"):
        load_stay_rules(path)
    assert not StayRule.objects.exists()
