"""Tests of the reference-data loaders: countries, framework, offices and admin areas."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from crossroads.core.models import ObjectChange
from crossroads.reference.loaders.admin_areas import load_admin_areas
from crossroads.reference.loaders.all import load_reference
from crossroads.reference.loaders.common import DATA_DIR
from crossroads.reference.loaders.countries import load_countries
from crossroads.reference.loaders.errors import ReferenceDataError
from crossroads.reference.loaders.framework import load_framework
from crossroads.reference.loaders.offices import load_offices
from crossroads.reference.models import (
    Activity,
    AdminArea,
    Country,
    Membership,
    Office,
    OperationalPrinciple,
    Region,
    RegionalBody,
    StrategicFramework,
    StrategicObjective,
    ThematicArea,
    ThematicObjective,
)

pytestmark = pytest.mark.django_db

CYRILLIC = re.compile(r"^[А-Яа-яЁё ,.()\-–]+$")
COUNTRY_HEADER = "iso3,iso2,numeric,name,official_name,name_ru,note\n"
AREA_HEADER = "country_iso3,pcode,name,name_local,name_ru,level,parent_pcode\n"


def write(directory: Path, name: str, text: str) -> Path:
    """Write a data file for a test and return its path."""
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, fragment: str) -> int:
    """The 1-based line of the first line containing a fragment."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


def shipped_rows(name: str) -> int:
    """The number of data rows in a shipped CSV file."""
    return len((DATA_DIR / name).read_text(encoding="utf-8").strip().splitlines()) - 1


@pytest.fixture
def countries() -> None:
    load_countries()


@pytest.fixture
def testland() -> Country:
    """A fictitious country with a user-assigned code, for admin-area files."""
    return Country.objects.create(iso3="XTA", iso2="XT", name="Testland")


# Countries


def test_loading_countries_creates_every_row_including_kosovo() -> None:
    result = load_countries()
    assert result.created == shipped_rows("countries.csv") == Country.objects.count()
    assert Country.objects.count() > 240
    kosovo = Country.objects.get(iso3="XKX")
    assert (kosovo.iso2, kosovo.numeric, kosovo.name_ru) == ("XK", "", "Косово")
    assert "1244" in kosovo.note


def test_countries_carry_russian_names_in_cyrillic(countries: None) -> None:
    for iso3 in ("MDA", "RUS", "UZB", "ALB"):
        name_ru = Country.objects.get(iso3=iso3).name_ru
        assert CYRILLIC.match(name_ru), (iso3, name_ru)
    assert Country.objects.get(iso3="MDA").name == "Moldova"


def test_reloading_countries_changes_nothing_and_logs_nothing(countries: None) -> None:
    changes = ObjectChange.objects.count()
    result = load_countries()
    assert (result.created, result.updated) == (0, 0)
    assert result.unchanged == Country.objects.count()
    assert ObjectChange.objects.count() == changes


def test_a_changed_country_row_is_saved_and_logged_once(countries: None, tmp_path: Path) -> None:
    text = (DATA_DIR / "countries.csv").read_text(encoding="utf-8")
    path = write(tmp_path, "countries.csv", text.replace(",Moldova,", ",Republic of Moldova,"))
    changes = ObjectChange.objects.count()
    result = load_countries(path)
    assert (result.created, result.updated) == (0, 1)
    assert ObjectChange.objects.count() == changes + 1
    assert Country.objects.get(iso3="MDA").name == "Republic of Moldova"


def test_malformed_countries_file_lists_every_problem_and_writes_nothing(tmp_path: Path) -> None:
    path = write(
        tmp_path, "countries.csv",
        COUNTRY_HEADER
        + "ALB,AL,008,Albania,,Албания,\n"
        + "Arm,AM,051,Armenia,,,\n"
        + "AUT,AL,040,Austria,,,\n"
        + "AZE,AZ,31,,,,\n",
    )
    with pytest.raises(ReferenceDataError) as error:
        load_countries(path)
    message = str(error.value)
    assert "countries.csv:3: iso3 must be three capital letters" in message
    assert "countries.csv:4: duplicate iso2 'AL' (also on line 2)" in message
    assert "countries.csv:5: numeric must be empty or three digits" in message
    assert "countries.csv:5: name is empty" in message
    assert len(error.value.problems) == 4
    assert Country.objects.count() == 0


def test_countries_file_without_a_required_column_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, "countries.csv", "iso3,name\nALB,Albania\n")
    with pytest.raises(ReferenceDataError, match=r"countries.csv:1: missing column\(s\): iso2"):
        load_countries(path)


# Framework


def test_framework_loads_the_regional_strategy(countries: None) -> None:
    load_framework()
    framework = StrategicFramework.objects.get()
    assert (framework.code, framework.period_start, framework.period_end) == (
        "seeeca-2015-2020", 2015, 2020,
    )
    assert framework.goal == "Promote good governance of migration"
    assert StrategicObjective.objects.count() == 3
    assert ThematicArea.objects.count() == 6
    assert ThematicObjective.objects.count() == 9
    for objective in ThematicObjective.objects.all():
        positions = list(objective.activities.values_list("position", flat=True))
        assert positions == list(range(1, len(positions) + 1)) and positions, objective.code
    assert ThematicObjective.objects.get(code="TO4").area.code == "TA2"
    # An unquoted "label: text" activity (a one-entry YAML mapping) keeps its whole text.
    last = ThematicObjective.objects.get(code="TO8").activities.get(position=7)
    assert last.description.startswith("humanitarian border management: preparedness")
    assert OperationalPrinciple.objects.count() == 6


def test_framework_defines_the_region_and_its_subregions(countries: None) -> None:
    load_framework()
    region = Region.objects.get(code="seeeca", kind="region")
    assert region.countries.count() == 20
    assert region.subregions.filter(kind="subregion").count() == 6
    balkans = Region.objects.get(code="western_balkans")
    assert set(balkans.countries.values_list("iso3", flat=True)) == {
        "ALB", "BIH", "XKX", "MKD", "MNE", "SRB",
    }


def test_framework_defines_regional_bodies_with_members_and_observers(countries: None) -> None:
    load_framework()
    almaty = RegionalBody.objects.get(code="ALMATY")
    assert (almaty.kind, almaty.launched) == ("regional_consultative_process", 2013)
    assert almaty.memberships.filter(status="member").count() == 8
    observer = almaty.memberships.get(status="observer")
    assert observer.country.iso3 == "IRN"
    assert RegionalBody.objects.get(code="CIS").kind == "regional_organisation"
    assert RegionalBody.objects.filter(kind="regional_organisation").count() == 11


def test_reloading_the_framework_changes_nothing_and_logs_nothing(countries: None) -> None:
    load_framework()
    changes = ObjectChange.objects.count()
    results = load_framework()
    assert all(result.changed == 0 for result in results.values()), results
    assert results["activities"].unchanged == Activity.objects.count()
    assert ObjectChange.objects.count() == changes


def test_unknown_country_in_a_member_list_is_reported_with_its_line(
    countries: None, tmp_path: Path
) -> None:
    text = (DATA_DIR / "framework.yaml").read_text(encoding="utf-8")
    text = text.replace("members: [AFG, AZE,", "members: [AFG, QQQ,")
    path = write(tmp_path, "framework.yaml", text)
    with pytest.raises(ReferenceDataError) as error:
        load_framework(path)
    line = line_of(text, "QQQ")
    assert f"framework.yaml:{line}: unknown country code 'QQQ'" in str(error.value)
    assert Region.objects.count() == 0 and RegionalBody.objects.count() == 0


def test_unknown_country_in_a_block_list_is_reported_on_its_own_line(
    countries: None, tmp_path: Path
) -> None:
    text = (DATA_DIR / "framework.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "    turkey: {name: Turkey, members: [TUR]}",
        "    turkey:\n      name: Turkey\n      members:\n        - TUR\n        - TRK",
    )
    path = write(tmp_path, "framework.yaml", text)
    with pytest.raises(ReferenceDataError) as error:
        load_framework(path)
    assert f"framework.yaml:{line_of(text, '- TRK')}: unknown country" in str(error.value)


def test_unknown_thematic_area_is_reported(countries: None, tmp_path: Path) -> None:
    text = (DATA_DIR / "framework.yaml").read_text(encoding="utf-8")
    text = text.replace("    area: TA6", "    area: TA7")
    path = write(tmp_path, "framework.yaml", text)
    with pytest.raises(ReferenceDataError, match="unknown thematic area 'TA7'") as error:
        load_framework(path)
    assert f"framework.yaml:{line_of(text, 'area: TA7')}:" in str(error.value)


def test_malformed_yaml_is_reported_with_its_line(countries: None, tmp_path: Path) -> None:
    path = write(
        tmp_path, "framework.yaml", "period: {start: 2015, end: 2020}\ngoal: [unclosed\nregion: x\n"
    )
    with pytest.raises(ReferenceDataError, match=r"framework\.yaml:\d+: invalid YAML") as error:
        load_framework(path)
    assert error.value.problems[0].line in {2, 3, 4}
    assert StrategicFramework.objects.count() == 0


# Offices


def test_offices_load_with_their_countries(countries: None) -> None:
    result = load_offices()
    assert result.created == Office.objects.count() == 21
    office = Office.objects.get(code="CO-XKX")
    assert (office.country.iso3, office.city, office.postcode) == ("XKX", "Pristina", "10000")
    assert Office.objects.get(code="CO-UZB").kind == "central_asia_coordination_office"


def test_reloading_offices_changes_nothing_and_logs_nothing(countries: None) -> None:
    load_offices()
    changes = ObjectChange.objects.count()
    result = load_offices()
    assert (result.changed, result.unchanged) == (0, 21)
    assert ObjectChange.objects.count() == changes


def test_office_with_unknown_country_or_kind_is_reported_with_file_and_line(
    countries: None, tmp_path: Path
) -> None:
    text = (DATA_DIR / "offices.csv").read_text(encoding="utf-8")
    text = text.replace("CO-ARM,country_office,ARM,", "CO-ARM,country_office,ARX,")
    text = text.replace("CO-BLR,country_office,", "CO-ALB,embassy,")
    path = write(tmp_path, "offices.csv", text)
    with pytest.raises(ReferenceDataError) as error:
        load_offices(path)
    message = str(error.value)
    assert "offices.csv:4: unknown country 'ARX'" in message
    assert "offices.csv:6: unknown kind 'embassy'" in message
    assert "offices.csv:6: duplicate office code 'CO-ALB' (also on line 3)" in message
    assert Office.objects.count() == 0


# Administrative areas


def test_admin_areas_load_with_a_parent_defined_later_in_the_file(
    testland: Country, tmp_path: Path
) -> None:
    path = write(
        tmp_path, "areas.csv",
        AREA_HEADER
        + "XTA,XT0101,North District,Veriu,,2,XT01\n"
        + "XTA,XT010101,Harbour,,,3,XT0101\n"
        + "XTA,XT01,North Province,,Северная провинция,1,\n",
    )
    result = load_admin_areas(path)
    assert result.created == 3
    harbour = AdminArea.objects.get(pcode="XT010101")
    assert harbour.parent.pcode == "XT0101" and harbour.parent.parent.pcode == "XT01"
    assert AdminArea.objects.get(pcode="XT01").name_ru == "Северная провинция"
    assert AdminArea.objects.get(pcode="XT0101").name_local == "Veriu"


def test_admin_areas_may_have_parents_already_in_the_database(
    testland: Country, tmp_path: Path
) -> None:
    AdminArea.objects.create(country=testland, pcode="XT02", name="South Province", level=1)
    path = write(tmp_path, "areas.csv", AREA_HEADER + "XTA,XT0201,Bay,,,2,XT02\n")
    load_admin_areas(path)
    assert AdminArea.objects.get(pcode="XT0201").parent.name == "South Province"


def test_admin_area_problems_are_all_reported_and_nothing_is_written(
    testland: Country, tmp_path: Path
) -> None:
    path = write(
        tmp_path, "areas.csv",
        AREA_HEADER
        + "XTA,XT01,North,,,1,\n"
        + "XTA,XT01,North again,,,1,\n"
        + "XTA,XT0101,Lost,,,2,XT99\n"
        + "XTA,XT0102,Flat,,,1,XT01\n"
        + "XTA,XT0103,Deep,,,7,XT01\n"
        + "XQQ,XT0104,Abroad,,,2,XT01\n",
    )
    with pytest.raises(ReferenceDataError) as error:
        load_admin_areas(path)
    message = str(error.value)
    assert "areas.csv:3: duplicate pcode 'XT01' (also on line 2)" in message
    assert "areas.csv:4: unknown parent pcode 'XT99'" in message
    assert "areas.csv:5: parent XT01 has level 1, which must be lower" in message
    assert "areas.csv:6: level must be a whole number from 1 to 5, not '7'" in message
    assert "areas.csv:7: unknown country 'XQQ'" in message
    assert AdminArea.objects.count() == 0


def test_a_parent_cycle_is_reported_on_each_line_of_it(testland: Country, tmp_path: Path) -> None:
    path = write(
        tmp_path, "areas.csv",
        AREA_HEADER + "XTA,XT01,A,,,2,XT02\nXTA,XT02,B,,,2,XT01\nXTA,XT03,C,,,2,XT03\n",
    )
    with pytest.raises(ReferenceDataError) as error:
        load_admin_areas(path)
    message = str(error.value)
    assert "areas.csv:2: parent cycle: XT01 → XT02 → XT01" in message
    assert "areas.csv:3: parent cycle: XT02 → XT01 → XT02" in message
    assert "areas.csv:4: XT03 is its own parent" in message
    assert AdminArea.objects.count() == 0


def test_reimporting_admin_areas_changes_nothing_and_reports_progress(
    testland: Country, tmp_path: Path
) -> None:
    path = write(
        tmp_path, "areas.csv", AREA_HEADER + "XTA,XT01,North,,,1,\nXTA,XT0101,Cape,,,2,XT01\n"
    )
    load_admin_areas(path)
    changes = ObjectChange.objects.count()
    progress = RecordingProgress()
    result = load_admin_areas(path, progress=progress)
    assert (result.changed, result.unchanged) == (0, 2)
    assert ObjectChange.objects.count() == changes
    assert progress.total == 2 and progress.done == 2


# Everything


class RecordingProgress:
    """A progress sink that remembers what it was told."""

    def __init__(self) -> None:
        self.total = 0
        self.done = 0
        self.messages: list[str] = []

    def start(self, total: int, message: str) -> None:
        self.total = total
        self.messages.append(message)

    def advance(self, steps: int = 1, message: str | None = None) -> None:
        self.done += steps
        if message:
            self.messages.append(message)


def test_loading_all_reference_data_reports_counts_and_progress() -> None:
    progress = RecordingProgress()
    results = load_reference(progress=progress)
    assert results["countries"].created == Country.objects.count()
    assert results["offices"].created == 21
    assert results["regions"].created == 7
    assert results["memberships"].created == Membership.objects.count() == 21
    assert (progress.total, progress.done) == (3, 3)
    again = load_reference()
    assert all(result.changed == 0 for result in again.values())
