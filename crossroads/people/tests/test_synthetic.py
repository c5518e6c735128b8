"""The synthetic population: deterministic, in the right scripts, rendered by the schemes,
noisy as configured, with a consistent ground truth; and loadable into the database."""

from __future__ import annotations

from io import StringIO

import numpy as np
import pandas as pd
import pytest
from django.core.management import CommandError, call_command

from crossroads.people import models as m
from crossroads.people.names.scripts import detect_script
from crossroads.people.synthetic import NO_NOISE, NoiseRates, generate, population, to_parquet
from crossroads.people.synthetic.countries import BY_CODE, NATIONALITIES, NATIVE_SCRIPT
from crossroads.people.synthetic.load import load_into_db
from crossroads.people.synthetic.namelists import feminine, patronymic
from crossroads.people.synthetic.noise import typo
from crossroads.people.synthetic.records import COLUMNS
from crossroads.people.synthetic.render import mrz_parts, render, resolve, uses_fallback
from crossroads.testing import CrossroadsTestCase


@pytest.fixture(scope="module")
def clean() -> pd.DataFrame:
    """Records without noise (renderings exactly as the schemes give them)."""
    return generate(3000, seed=7, noise=NO_NOISE)


@pytest.fixture(scope="module")
def noisy() -> pd.DataFrame:
    return generate(6000, seed=3)


def test_the_same_seed_gives_the_same_records() -> None:
    first, again = generate(400, seed=11), generate(400, seed=11)
    pd.testing.assert_frame_equal(first, again)
    assert not generate(400, seed=12)[["given", "family"]].equals(first[["given", "family"]])


def test_records_have_the_columns_of_the_linkage_frame(noisy: pd.DataFrame) -> None:
    assert tuple(noisy.columns) == COLUMNS
    assert noisy["unique_id"].is_unique
    counts = noisy.groupby("true_id").size()
    assert counts.between(1, 4).all()
    assert set(noisy["true_id"]) == set(range(6000))


def test_records_per_person_is_respected() -> None:
    records = generate(300, seed=1, records_per_person=(2, 2))
    assert (records.groupby("true_id").size() == 2).all()


def test_native_names_are_in_their_scripts(clean: pd.DataFrame) -> None:
    native = clean[clean["scheme"] == ""]
    first_nationality = native["nationalities"].str[0]
    checked = 0
    for code, rows in native.groupby(first_nationality):
        if NATIVE_SCRIPT[code] == "Zyyy":  # Hebrew: not one of the scripts told apart
            continue
        for value in pd.concat([rows["given"], rows["family"]]):
            if value:  # the Ukrainian apostrophe (U+02BC) is a letter of no script
                assert detect_script(value.replace("ʼ", "")) == NATIVE_SCRIPT[code], (code,
                                                                                      value)
                checked += 1
    assert checked > 1000


def test_romanised_records_are_latin(clean: pd.DataFrame) -> None:
    latin = clean[clean["scheme"] != ""]
    for value in pd.concat([latin["given"], latin["family"]]).head(3000):
        if value:
            assert detect_script(value) == "Latn", value


def test_every_nationality_appears_with_population_weights() -> None:
    people = population(20000, seed=5)
    shares = people["nationality"].value_counts(normalize=True)
    assert set(shares.index) == {n.iso3 for n in NATIONALITIES}
    assert shares["RUS"] > shares["UKR"] > shares["GEO"] > shares["MNE"]


def test_households_share_family_names_and_addresses() -> None:
    people = population(3000, seed=2)
    for _household, members in people.groupby("household"):
        assert members["address"].nunique() == 1
        nationality = BY_CODE[members["nationality"].iloc[0]]
        masculine = set(members["family"])
        forms = {feminine(name, nationality.language) for name in masculine} | masculine
        assert len(forms) <= 2, masculine


def test_children_are_born_20_to_40_years_after_their_mother() -> None:
    people = population(3000, seed=4)
    for _household, members in people.groupby("household"):
        children = members[members["role"] == "child"]
        if children.empty:
            continue
        mother = members.iloc[1] if members.iloc[0]["couple"] else members.iloc[0]
        assert mother["role"] != "child"
        for _i, child in children.iterrows():
            gap = child["birth_year"] - mother["birth_year"]
            assert 20 <= gap <= 40 and child["birth_year"] <= 2024


def test_given_names_agree_with_sex_and_patronymics_with_the_father() -> None:
    people = population(3000, seed=6)
    russians = people[people["nationality"] == "RUS"]
    assert (russians.loc[russians["sex"] == "F", "patronymic"].str.endswith("на")).all()
    assert (russians.loc[russians["sex"] == "M", "patronymic"].str.endswith("ич")).all()
    assert (russians.loc[russians["sex"] == "F", "family"].str[-1].isin(list("аяоькхунч"))
            ).mean() > 0.9
    for _household, members in russians.groupby("household"):
        if members.iloc[0]["couple"]:
            father = members.iloc[0]["given"]
            assert members.iloc[0]["sex"] == "M"
            for _i, child in members[members["role"] == "child"].iterrows():
                assert child["patronymic"] == patronymic(father, "ru", child["sex"] == "F")


def test_patronymic_rules() -> None:
    assert patronymic("Сергей", "ru", False) == "Сергеевич"
    assert patronymic("Юрий", "ru", True) == "Юрьевна"
    assert patronymic("Иван", "ru", True) == "Ивановна"
    assert patronymic("Андрій", "uk", True) == "Андріївна"
    assert patronymic("Іван", "be", False) == "Іванавіч"
    assert feminine("Ковальський", "uk") == "Ковальська"
    assert feminine("Ковальчук", "uk") == "Ковальчук"
    assert feminine("Иванов", "ru") == "Иванова"


def test_renderings_are_the_schemes_transliterations(clean: pd.DataFrame) -> None:
    people = population(3000, seed=7).set_index("true_id")
    language = {n.iso3: n.language for n in NATIONALITIES}
    sample = clean[~clean["scheme"].isin(["", "mrz"]) & (clean["language"] != "")].head(800)
    assert len(sample) > 100
    for _i, record in sample.iterrows():
        person = people.loc[record["true_id"]]
        expected = render(person["family"], record["scheme"], language[person["nationality"]])
        assert record["family"] == expected.upper(), (record["scheme"], person["family"])
    for _i, record in clean[clean["scheme"] == "mrz"].head(300).iterrows():
        person = people.loc[record["true_id"]]
        family, given = mrz_parts(person["family"], person["given"],
                                  language[person["nationality"]])
        assert (record["family"], record["given"]) == (family, given)
        assert record["patronymic"] == ""


def test_renderings_use_the_names_package_schemes() -> None:
    from crossroads.people.names.icao import to_icao
    from crossroads.people.names.schemes import SCHEMES, transliterate

    assert render("Юлия", "icao", "ru") == to_icao("Юлия", "ru")
    examples = {"ru_mvd_310": ("Юлия", "ru"), "uk_national_2010": ("Юлія", "uk"),
                "ka_passport": ("ნინო", "ka"), "sr_latin": ("Ђорђе", "sr"),
                "hy_passport": ("Արամ", "hy")}
    for scheme, (name, language) in examples.items():
        assert not uses_fallback(scheme)
        assert render(name, scheme, language) == transliterate(name, scheme)
    used = {r.scheme for n in NATIONALITIES for r in n.renderings} - {"", "icao", "mrz",
                                                                    "he_en", "de", "fr", "en"}
    assert used <= set(SCHEMES), used - set(SCHEMES)


def test_registers_abroad_read_other_cyrillic_names_as_russian() -> None:
    assert resolve("de", "uk") == "ru_de_duden"
    assert render("Андрій", "ru_de_duden", "uk") == render("Андрий", "ru_de_duden", "ru")
    assert resolve("en", "tr") == "icao"
    assert resolve("de", "ka").startswith("synthetic_")
    assert detect_script(render("ნინო", "synthetic_de", "ka")) == "Latn"


def test_noise_rates_are_roughly_as_configured() -> None:
    rates = NoiseRates(typo=0.2, second_typo=0.0, day_month_swapped=0.0, year_only=0.1,
                       year_month_only=0.0, birth_missing=0.05, sex_missing=0.1,
                       given_missing=0.0, patronymic_missing=0.0, parts_swapped=0.0,
                       family_first=0.0, nationality_missing=0.1, document_missing=0.0)
    noisy = generate(4000, seed=9, noise=rates)
    clean = generate(4000, seed=9, noise=NO_NOISE)
    n = len(noisy)
    changed = ((noisy["given"] != clean["given"]) | (noisy["family"] != clean["family"])
               | (noisy["patronymic"] != clean["patronymic"])).mean()
    assert 0.15 < changed < 0.22
    assert 0.07 < noisy["sex"].eq("").mean() < 0.13
    assert 0.03 < noisy["birth_year"].isna().mean() < 0.07
    month_gone = noisy["birth_month"].isna() & noisy["birth_year"].notna()
    assert 0.07 < month_gone.sum() / n < 0.13
    assert 0.07 < noisy["nationalities"].str.len().eq(0).mean() < 0.13
    assert noisy["true_id"].equals(clean["true_id"])


def test_day_and_month_swap() -> None:
    rates = NoiseRates(*([0.0] * 13))
    swapped = NoiseRates(**{**rates.__dict__, "day_month_swapped": 1.0})
    clean, noisy = generate(500, seed=1, noise=rates), generate(500, seed=1, noise=swapped)
    can = (clean["birth_day"] <= 12) & (clean["birth_day"] != clean["birth_month"])
    assert (noisy.loc[can, "birth_month"] == clean.loc[can, "birth_day"]).all()
    assert (noisy.loc[~can, "birth_month"] == clean.loc[~can, "birth_month"]).all()


def test_typos_are_small_edits() -> None:
    import random

    from rapidfuzz.distance import Levenshtein

    rng = random.Random(1)
    for word in ("KOVALCHUK", "Ковальчук", "Julija", "ნინო"):
        for _ in range(50):
            assert Levenshtein.distance(word, typo(word, rng)) <= 2


def test_ground_truth_is_consistent(noisy: pd.DataFrame) -> None:
    people = population(6000, seed=3).set_index("true_id")
    merged = noisy.join(people[["birth_year", "nationality"]], on="true_id", rsuffix="_true")
    known = merged["birth_year"].notna()
    assert (merged.loc[known, "birth_year"] == merged.loc[known, "birth_year_true"]).all()
    with_nationality = merged["nationalities"].str.len() > 0
    assert (merged.loc[with_nationality, "nationalities"].str[0]
            == merged.loc[with_nationality, "nationality"]).all()


def test_to_parquet_round_trips(tmp_path: object, clean: pd.DataFrame) -> None:
    path = to_parquet(clean.head(200), f"{tmp_path}/records.parquet")
    back = pd.read_parquet(path)
    assert list(back["unique_id"]) == list(clean["unique_id"].head(200))
    assert [list(v) for v in back["nationalities"]] == list(clean["nationalities"].head(200))


class LoadTests(CrossroadsTestCase):
    def test_load_into_db_creates_the_rows(self) -> None:
        records = generate(40, seed=1)
        counts = load_into_db(records, self.organisation)
        assert m.Person.objects.count() == len(records) == counts["persons"]
        assert m.PersonName.objects.count() == counts["names"] == sum(
            int(bool(v)) for c in ("given", "family", "patronymic") for v in records[c])
        ukrainians = sum(1 for codes in records["nationalities"] for c in codes
                         if c in ("UKR", "MDA"))
        assert m.Nationality.objects.count() == ukrainians
        assert m.IdentityDocument.objects.count() == records["document_numbers"].str.len().sum()
        assert m.NameKey.objects.count() == counts["keys"] > 0
        name = m.PersonName.objects.filter(script="Cyrl").first()
        assert name is None or detect_script(name.value) == "Cyrl"
        # the database's own ids continue after those the loader assigned
        later = m.Person.objects.create(organisation=self.organisation)
        m.PersonName.objects.create(person=later, part="given", value="Ana")
        assert later.pk > max(m.Person.objects.exclude(pk=later.pk).values_list("pk", flat=True))

    def test_the_command_generates_and_loads(self) -> None:
        out = StringIO()
        call_command("people", "generate", "--persons", "20", "--seed", "2", "--load",
                     "--organisation", "home", "--quiet", stdout=out)
        assert m.Person.objects.filter(organisation=self.organisation).count() == len(
            generate(20, seed=2))

    def test_the_command_writes_parquet(self) -> None:
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            out = StringIO()
            call_command("people", "generate", "--persons", "30", "--parquet",
                         f"{folder}/p.parquet", stdout=out)
            assert len(pd.read_parquet(f"{folder}/p.parquet")) == len(generate(30, seed=0))
            assert "records of 30 persons" in out.getvalue()

    def test_the_command_refuses_bad_options(self) -> None:
        with pytest.raises(CommandError, match="organisation"):
            call_command("people", "generate", "--persons", "5", "--load")
        with pytest.raises(CommandError, match="no organisation"):
            call_command("people", "generate", "--persons", "5", "--load",
                         "--organisation", "NOPE")
        with pytest.raises(CommandError, match="MIN-MAX"):
            call_command("people", "generate", "--persons", "5", "--records", "3-1")


def test_population_is_vectorised_enough() -> None:
    """Not a timed assertion: only that a larger run completes and stays consistent."""
    records = generate(20000, seed=1)
    assert len(records) > 40000
    assert np.issubdtype(records["true_id"].dtype, np.integer)
