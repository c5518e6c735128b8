"""Batch linkage on DuckDB: transliteration variants meet, twins do not, clustering
honours rejected pairs, and the ``people.linkage`` job merges and queues."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest
from faker import Faker

from crossroads.people import choices
from crossroads.people.dates import PartialDate
from crossroads.people.matching import linkage
from crossroads.people.matching.frame import records_frame
from crossroads.people.models import MatchPair, Merge, Person
from crossroads.people.services import NameInput, PersonInput, register
from crossroads.testing import CrossroadsTestCase


def record(uid: str, given: str, family: str, birth: tuple[int, int, int], sex: str = "F",
           **more: Any) -> dict[str, Any]:
    """A person record as :func:`records_frame` takes it."""
    year, month, day = birth
    return {"unique_id": uid, "given": given, "family": family, "birth_year": year,
            "birth_month": month, "birth_day": day, "sex": sex, **more}


#: One woman in five records (scripts, schemes, a swapped day and month, names swapped),
#: her twin-like sister (same family name, birth date and nationality) and a stranger.
UKR = ["UKR"]
JULIA = [
    record("j1", "Юлия", "Ковальчук", (1990, 3, 12), language="uk", nationalities=UKR,
           document_numbers=["FA 123456"]),
    record("j2", "IULIIA", "KOVALCHUK", (1990, 3, 12), nationalities=UKR,
           document_numbers=["FA123456"]),
    record("j3", "YULIYA", "KOVALCHUK", (1990, 12, 3), nationalities=UKR),
    record("j4", "Julija", "Kovalčuk", (1990, 3, 12)),
    record("j5", "KOVALCHUK", "YULIA", (1990, 3, 12), nationalities=UKR),
]
SISTER = record("s1", "Oksana", "Kovalchuk", (1990, 3, 12), nationalities=UKR,
                document_numbers=["FA987654"])
STRANGER = record("x1", "Petro", "Shevchenko", (1975, 6, 1), sex="M", nationalities=UKR)

def fillers(count: int = 60) -> list[dict[str, Any]]:
    """Unrelated people, so that term frequencies look like a registry's."""
    fake = Faker(["uk_UA", "ru_RU", "en_GB"])
    fake.seed_instance(5)
    return [{"unique_id": f"f{i}", "given": fake.first_name(), "family": fake.last_name(),
                 "birth_year": 1940 + i % 60, "birth_month": 1 + i % 12, "birth_day": 1 + i % 28,
                 "sex": "MF"[i % 2]} for i in range(count)]


@pytest.fixture(scope="module")
def scored() -> tuple[pd.DataFrame, pd.DataFrame]:
    frame = records_frame(JULIA + [SISTER, STRANGER] + fillers())
    return frame, linkage.predict(frame, threshold=0.0)


def probability(pairs: pd.DataFrame, a: str, b: str) -> float:
    a, b = sorted((a, b))
    hit = pairs[(pairs.unique_id_l == a) & (pairs.unique_id_r == b)]
    return float(hit.match_probability.iloc[0]) if len(hit) else 0.0


def test_frame_derives_keys_and_keeps_partial_dates() -> None:
    frame = records_frame([{"unique_id": 1, "given": "Юлия", "family": ["Ковальчук", "KOVALCHUK"],
                                "birth_year": 1990, "sex": "U", "nationalities": []}])
    row = frame.iloc[0]
    assert row.given_canon and row.family_canon
    assert set(row.family_keys) & set(records_frame([JULIA[1]]).iloc[0].family_keys)
    assert pd.isna(row.birth_month) and row.sex is None and row.nationalities is None
    assert row.documents is None and row.patronymic_keys is None


def test_variants_of_one_person_score_high(scored: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    _frame, pairs = scored
    for other in ("j2", "j3", "j4", "j5"):
        assert probability(pairs, "j1", other) > 0.95, other
    assert probability(pairs, "j2", "j3") > 0.95  # day and month swapped


def test_twin_like_sister_and_stranger_score_low(
        scored: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    _frame, pairs = scored
    for julia in ("j1", "j2", "j3"):
        assert probability(pairs, julia, "s1") < 0.5
        assert probability(pairs, julia, "x1") < 0.01


def test_explanation_names_each_field(scored: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    _frame, pairs = scored
    a, b = "j2", "j3"
    row = pairs[(pairs.unique_id_l == a) & (pairs.unique_id_r == b)].iloc[0]
    levels = {item["field"]: item["level"] for item in row.explanation}
    assert levels["birth"] == "day and month swapped"
    assert levels["family"] == "exact"
    assert all(isinstance(item["weight"], float) for item in row.explanation)


def test_clustering_honours_rejected_pairs(scored: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    frame, pairs = scored
    clusters = linkage.cluster(frame, pairs, threshold=0.95)
    assert len({clusters[uid] for uid in ("j1", "j2", "j3", "j4", "j5")}) == 1
    assert clusters["s1"] != clusters["j1"] and clusters["x1"] == "x1"
    split = linkage.cluster(frame, pairs, threshold=0.95, cannot_link={("j3", "j1")})
    assert split["j1"] != split["j3"]
    assert len(split) == len(frame)


class RunLinkageTests(CrossroadsTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.grant(cls.owner, Person, ["view", "change"])

    def person(self, given: str, family: str, birth: tuple[int, int, int],
               sex: str = choices.Sex.FEMALE) -> Person:
        data = PersonInput(names=[NameInput(choices.NamePart.GIVEN, given),
                                  NameInput(choices.NamePart.FAMILY, family)],
                           sex=sex, birth=PartialDate(*birth), nationalities=["UKR"])
        return register(data, self.organisation)

    def test_merges_above_threshold_and_queues_between(self) -> None:
        first = self.person("Юлия", "Ковальчук", (1990, 3, 12))
        second = self.person("IULIIA", "KOVALCHUK", (1990, 3, 12))
        third = self.person("YULIYA", "KOVALCHUK", (1990, 12, 3))
        rejected = self.person("Julija", "Kovalčuk", (1990, 3, 12))
        MatchPair.objects.create(left=first, right=rejected, probability=0.9,
                                 status=choices.PairStatus.REJECTED)
        for i, (given, family) in enumerate([("Petro", "Shevchenko"), ("Ivan", "Franko"),
                                             ("Lesia", "Ukrainka"), ("Taras", "Bulba")]):
            self.person(given, family, (1950 + i, 1 + i, 1 + i), sex=choices.Sex.MALE)

        report = linkage.run_linkage(auto_threshold=0.999, review_threshold=0.5,
                                     user=self.owner)

        assert report.persons == 8
        assert report.merged >= 1
        second.refresh_from_db()
        assert second.merged_into_id == first.pk  # the older record survives
        assert Merge.objects.filter(survivor=first, merged=second).exists()
        assert MatchPair.objects.get(left=first, right=second).status == "linked"
        rejected_pair = MatchPair.objects.get(left=first, right=rejected)
        assert rejected_pair.status == choices.PairStatus.REJECTED  # never proposed again
        pending = MatchPair.objects.filter(status=choices.PairStatus.PENDING)
        for pair in pending:
            assert 0.5 <= pair.probability < 0.999
            assert {"field", "level", "weight"} <= set(pair.explanation[0])
        third.refresh_from_db()
        third_pairs = MatchPair.objects.filter(left=third) | MatchPair.objects.filter(right=third)
        assert third.merged_into_id is not None or third_pairs.exists()


def test_clusters_never_unite_namesakes_born_years_apart() -> None:
    """A record without a date of birth links to a father and to his son of the same
    name; the cluster keeps father and son apart and the undated record with the
    stronger link, and a woman's record never joins a man's."""
    frame = records_frame([
        {"unique_id": "father", "given": "Бекжан", "family": "Абдыкадыров", "sex": "M",
         "birth_year": 1956, "birth_month": 3, "birth_day": 1},
        {"unique_id": "son", "given": "Бекжан", "family": "Абдыкадыров", "sex": "M",
         "birth_year": 1989, "birth_month": 4, "birth_day": 2},
        {"unique_id": "undated", "given": "BEKZHAN", "family": "ABDYKADYROV", "sex": "M"},
        {"unique_id": "sister", "given": "Бекжан", "family": "Абдыкадыров", "sex": "F",
         "birth_year": 1989, "birth_month": 4, "birth_day": 2},
    ])
    pairs = pd.DataFrame({"unique_id_l": ["father", "son", "son"],
                          "unique_id_r": ["undated", "undated", "sister"],
                          "match_probability": [0.97, 0.99, 0.96]})
    clusters = linkage.cluster(frame, pairs, threshold=0.5)
    assert clusters["undated"] == clusters["son"]
    assert clusters["father"] != clusters["son"]
    assert clusters["sister"] != clusters["son"]
