"""Screening travellers against watchlists, as a border officer relies on it."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from crossroads.people.dates import PartialDate
from crossroads.testing.base import CrossroadsTestCase
from crossroads.watchlists.models import EntryKey, WatchlistEntry
from crossroads.watchlists.screening import ScreeningIndex, Traveller, screen, traveller_of
from crossroads.watchlists.tests.helpers import make_entry, make_list, make_person

BIRTH = PartialDate(1985, 3, 14)


class ScreeningTests(CrossroadsTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.watchlist = make_list(cls.organisation, cls.home_country)
        cls.wanted = make_entry(cls.watchlist, family="Щербакова", given="Юлия",
                                patronymic="Сергеевна", language="ru", birth_year=1985,
                                birth_month=3, birth_day=14, sex="F", nationality="RUS")
        cls.zhukov = make_entry(cls.watchlist, family="Жуков", given="Дмитрий", language="ru",
                                birth_year=1970, aliases="Zhukoff, Dima\nДима Жуков")
        cls.stolen = make_entry(make_list(cls.organisation, None, "Stolen documents",
                                          kind="documents"),
                                document_number="AB 123-4567", document_state="MDA",
                                action="seize_document")

    def hits(self, **typed: object) -> list[int]:
        return [h.entry.pk for h in screen(Traveller(**typed))]  # type: ignore[arg-type]

    def test_an_icao_passport_spelling_finds_the_cyrillic_entry(self) -> None:
        found = screen(Traveller(family="SHCHERBAKOVA", given="IULIIA", birth=BIRTH, sex="F"))
        self.assertEqual([h.entry for h in found], [self.wanted])
        levels = {f.field: f.level for f in found[0].fields}
        self.assertIn(levels["family"], ("exact", "variant"))
        self.assertEqual(levels["birth"], "exact")

    def test_german_and_french_renderings_find_the_entry(self) -> None:
        for family, given_name in (("Schtscherbakowa", "Julija"), ("Chtcherbakova", "Ioulia")):
            with self.subTest(family):
                self.assertIn(self.wanted.pk, self.hits(family=family, given=given_name,
                                                        birth=BIRTH))

    def test_swapped_given_and_family_names_still_hit(self) -> None:
        self.assertIn(self.wanted.pk, self.hits(family="Yuliya", given="Shcherbakova",
                                                birth=BIRTH))

    def test_an_alias_finds_the_entry(self) -> None:
        self.assertIn(self.zhukov.pk, self.hits(family="ZHUKOFF", given="DIMA"))

    def test_a_document_number_alone_is_a_hit(self) -> None:
        found = screen(Traveller(family="Ionescu", given="Maria", document_number="ab1234567"))
        self.assertEqual([h.entry for h in found], [self.stolen])
        self.assertTrue(found[0].document_match)

    def test_a_different_person_is_not_a_hit(self) -> None:
        self.assertEqual(self.hits(family="Popescu", given="Ion", birth=PartialDate(1990)), [])

    def test_an_empty_traveller_finds_nothing(self) -> None:
        self.assertEqual(screen(Traveller()), [])

    def test_inactive_lists_and_entries_and_expired_entries_are_ignored(self) -> None:
        typed = {"family": "SHCHERBAKOVA", "given": "IULIIA", "birth": BIRTH}
        self.wanted.active = False
        self.wanted.save()
        self.assertEqual(self.hits(**typed), [])
        self.wanted.active = True
        self.wanted.valid_until = date.today() - timedelta(days=1)
        self.wanted.save()
        self.assertEqual(self.hits(**typed), [])
        self.assertEqual([h.entry.pk for h in screen(Traveller(**typed),  # type: ignore[arg-type]
                                                     on=date.today() - timedelta(days=2))],
                         [self.wanted.pk])
        self.wanted.valid_until = None
        self.wanted.save()
        self.watchlist.active = False
        self.watchlist.save()
        self.assertEqual(self.hits(**typed), [])

    def test_a_mistyped_name_is_found_by_the_other_name_and_year_among_namesakes(self) -> None:
        from crossroads.watchlists.screening import SHORTLIST

        for i in range(SHORTLIST + 20):
            # The alias repeats the given name: each namesake shares more keys than the
            # wanted entry does, so they fill the shortlist of shared keys.
            make_entry(self.watchlist, family=f"Namesake{i}", given="Дмитрий",
                       aliases="Дмитрий", birth_year=1940 + i % 40)
        wanted = make_entry(self.watchlist, family="Кузнецов", given="Дмитрий",
                            birth_year=1991, birth_month=7)
        found = screen(Traveller(family="KUZNWTCOV", given="DMITRII",
                                 birth=PartialDate(1991, 7, 2)))
        self.assertIn(wanted.pk, [h.entry.pk for h in found])
        self.assertEqual(screen(Traveller(family="KUZNWTCOV", given="DMITRII",
                                          birth=PartialDate(1991, 7, 2)))[0].entry, wanted)

    def test_keys_follow_the_names_when_an_entry_is_corrected(self) -> None:
        self.zhukov.family = "Петров"
        self.zhukov.aliases = ""
        self.zhukov.save()
        self.assertNotIn(self.zhukov.pk, self.hits(family="ZHUKOV", given="DMITRII"))
        self.assertIn(self.zhukov.pk, self.hits(family="PETROV", given="DMITRII"))
        self.assertFalse(EntryKey.objects.filter(entry=self.zhukov, key="JUKOV").exists())

    def test_a_registered_person_is_screened_as_a_traveller(self) -> None:
        person = make_person(self.other_organisation, "Shcherbakova", "Yuliya", birth=BIRTH)
        traveller = traveller_of(person)
        self.assertEqual((traveller.family, traveller.given), ("Shcherbakova", "Yuliya"))
        self.assertIn(self.wanted.pk, [h.entry.pk for h in screen(traveller)])

    def test_the_batch_index_finds_what_the_database_finds(self) -> None:
        index = ScreeningIndex.from_database()
        for typed in (Traveller(family="SHCHERBAKOVA", given="IULIIA", birth=BIRTH),
                      Traveller(family="Yuliya", given="Shcherbakova", birth=BIRTH),
                      Traveller(family="ZHUKOFF", given="DIMA"),
                      Traveller(family="X", document_number="AB1234567"),
                      Traveller(family="Popescu", given="Ion")):
            with self.subTest(typed):
                self.assertEqual([h.entry.pk for h in index.screen(typed)],
                                 [h.entry.pk for h in screen(typed)])


INDEX = ScreeningIndex([WatchlistEntry(family="Щербакова", given="Юлия", language="ru"),
                        WatchlistEntry(document_number="AB1234567")])


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=30), st.text(max_size=30), st.text(max_size=12))
def test_malformed_input_never_crashes_the_batch_screening(family: str, given_name: str,
                                                           number: str) -> None:
    found = INDEX.screen(Traveller(family=family, given=given_name, document_number=number))
    assert all(0.0 <= h.score <= 1.0 for h in found)
