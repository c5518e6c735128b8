"""Candidate search: variants across scripts meet, each field explained, only persons
the user may view, every search that returns persons audited."""

from __future__ import annotations

from typing import Any

from crossroads.core.models import AuditEvent
from crossroads.people import models as m
from crossroads.people import services
from crossroads.people.dates import PartialDate
from crossroads.people.matching.search import Candidate, Query, as_rows, candidates
from crossroads.people.tests.samples import register
from crossroads.testing import CrossroadsTestCase


def levels(candidate: Candidate) -> dict[str, str]:
    return {f.field: f.level for f in candidate.fields}


class SearchTests(CrossroadsTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.yulia = register(
            cls.organisation, "Юлия", "Ковальчук", language="ru", sex="F",
            birth=PartialDate(1990, 3, 4), nationalities=["UKR"],
            documents=[services.DocumentInput("passport", "FE 123456", "UKR")])
        cls.namesake = register(cls.organisation, "Юлия", "Петренко", language="ru", sex="F",
                                birth=PartialDate(1975))
        cls.stranger = register(cls.organisation, "Олена", "Шевченко", language="uk", sex="F")
        cls.elsewhere = register(cls.other_organisation, "Юлия", "Ковальчук", language="ru",
                                 sex="F", birth=PartialDate(1990, 3, 4))

    def setUp(self) -> None:
        self.grant(self.owner, m.Person, "view", {"organisation": self.organisation.pk})

    def find(self, **query: Any) -> list[Candidate]:
        return candidates(self.owner, Query(**query))

    def test_renderings_in_other_scripts_and_schemes_find_her(self) -> None:
        for given, family in (("IULIIA", "KOVALCHUK"), ("Yulia", "Kovalchuk"),
                              ("Julija", "Kovalčuk"), ("YULIYA", "KOVALCHUK"),
                              ("Юлия", "Ковальчук")):
            with self.subTest(given=given, family=family):
                found = self.find(given=given, family=family)
                self.assertTrue(found)
                self.assertEqual(found[0].person, self.yulia)
                names = levels(found[0])
                self.assertIn(names["given"], ("exact", "variant"))
                self.assertIn(names["family"], ("exact", "variant"))

    def test_the_original_spelling_is_an_exact_match(self) -> None:
        found = self.find(given="Юлия", family="Ковальчук")
        self.assertEqual(levels(found[0])["family"], "exact")

    def test_swapped_given_and_family_names_are_recognised(self) -> None:
        found = self.find(given="Kovalchuk", family="Yulia")
        self.assertEqual(found[0].person, self.yulia)
        self.assertEqual(levels(found[0])["family"], "swapped")
        self.assertEqual(levels(found[0])["given"], "swapped")

    def test_a_date_with_day_and_month_swapped_is_recognised(self) -> None:
        exact = self.find(given="Yulia", family="Kovalchuk", birth=PartialDate(1990, 3, 4))
        swapped = self.find(given="Yulia", family="Kovalchuk", birth=PartialDate(1990, 4, 3))
        self.assertEqual(levels(exact[0])["birth"], "exact")
        self.assertEqual(swapped[0].person, self.yulia)
        self.assertEqual(levels(swapped[0])["birth"], "day_month_swapped")
        self.assertGreater(exact[0].score, swapped[0].score)

    def test_a_document_number_finds_the_person_whatever_its_punctuation(self) -> None:
        found = self.find(document_number="fe-123 456")
        self.assertEqual([c.person for c in found], [self.yulia])
        self.assertEqual(levels(found[0])["document"], "overlap")

    def test_results_are_ordered_by_score(self) -> None:
        found = self.find(given="Yulia", family="Kovalchuk", birth=PartialDate(1990, 3, 4),
                          sex="F", nationality="UKR")
        self.assertEqual(found[0].person, self.yulia)
        self.assertIn(self.namesake, [c.person for c in found])
        self.assertNotIn(self.stranger, [c.person for c in found])
        scores = [c.score for c in found]
        self.assertEqual(scores, sorted(scores, reverse=True))
        self.assertTrue(0 <= scores[-1] <= scores[0] <= 1)

    def test_persons_the_user_may_not_view_are_never_returned(self) -> None:
        found = self.find(given="Юлия", family="Ковальчук")
        self.assertNotIn(self.elsewhere, [c.person for c in found])
        self.assertEqual(candidates(self.colleague, Query(given="Юлия", family="Ковальчук")), [])
        self.grant(self.outsider, m.Person, "view",
                   {"organisation": self.other_organisation.pk})
        theirs = candidates(self.outsider, Query(given="Yulia", family="Kovalchuk"))
        self.assertEqual([c.person for c in theirs], [self.elsewhere])

    def test_merged_persons_are_not_candidates(self) -> None:
        self.grant(self.owner, m.Person, "change")
        from crossroads.people import merges

        merges.merge(self.namesake, self.yulia, self.owner)
        found = self.find(document_number="FE123456")
        self.assertEqual([c.person for c in found], [self.namesake])

    def test_a_search_that_returns_persons_is_audited(self) -> None:
        found = self.find(given="Yulia", family="Kovalchuk")
        events = AuditEvent.objects.filter(action=AuditEvent.Action.SEARCH)
        self.assertEqual(sorted(int(e.object_id) for e in events),
                         sorted(c.person.pk for c in found))
        self.find(given="Nobody", family="Atall")
        self.assertEqual(events.count(), len(found))

    def test_an_empty_query_finds_nobody(self) -> None:
        self.assertEqual(self.find(given="  ", birth=PartialDate(1990)), [])
        self.assertFalse(AuditEvent.objects.filter(action=AuditEvent.Action.SEARCH).exists())

    def test_rows_explain_every_field(self) -> None:
        rows = as_rows(self.find(given="Yulia", family="Kovalchuk"))
        self.assertEqual(rows[0]["uid"], str(self.yulia.uid))
        fields = {f["field"] for f in rows[0]["fields"]}
        self.assertEqual(fields, {"given", "family", "patronymic", "birth", "sex", "nationality",
                                  "document"})
        self.assertTrue(all({"level", "label", "weight", "value"} <= set(f)
                            for f in rows[0]["fields"]))
