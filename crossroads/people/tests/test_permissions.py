"""Permission scoping of persons by the records that cite them; persons are sensitive."""

from __future__ import annotations

from rest_framework.test import APIClient

from crossroads.core.permissions import VIEW
from crossroads.people import models as m
from crossroads.people import services
from crossroads.people.demo import OWN_OR_CITED, THEIRS
from crossroads.people.matching.search import Query, candidates
from crossroads.people.tests.samples import make_person
from crossroads.testing import CrossroadsTestCase

API = "/api/v1/people"


class CitedPersonsTests(CrossroadsTestCase):
    """Organisation A registered a person; organisation B sees them once a record of B
    cites them, and not before."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.person = make_person(cls.organisation, "Юлия", "Ковальчук", sex="F")
        m.IdentityDocument.objects.create(person=cls.person, kind="passport",
                                          number="FE123456", issuing_state="UKR")
        # Any record of another app can cite a person; an organisation stands in for one.
        cls.record = cls.other_organisation

    def setUp(self) -> None:
        for user in (self.owner, self.outsider):
            self.grant(user, m.Person, "view", OWN_OR_CITED)
            self.grant(user, m.PersonName, "view", THEIRS)
            self.grant(user, m.IdentityDocument, "view", THEIRS)
        self.api = APIClient()
        self.api.force_authenticate(self.outsider)

    def outsider_sees(self) -> dict[str, bool]:
        found = candidates(self.outsider, Query(given="Yulia", family="Kovalchuk"))
        listed = [row["id"] for row in self.api.get(f"{API}/persons/").json()["results"]]
        detail = self.api.get(f"{API}/persons/{self.person.pk}/")
        names = self.api.get(f"{API}/names/", {"person": self.person.pk}).json()["results"]
        return {
            "restrict": m.Person.objects.restrict(self.outsider, VIEW)
            .filter(pk=self.person.pk).exists(),
            "search": self.person in [c.person for c in found],
            "list": self.person.pk in listed,
            "detail": detail.status_code == 200,
            "names": bool(names),
            "page": self.client.get(self.person.get_absolute_url()).status_code == 200,
        }

    def test_the_registering_organisation_sees_its_person(self) -> None:
        self.assertTrue(m.Person.objects.restrict(self.owner, VIEW)
                        .filter(pk=self.person.pk).exists())

    def test_another_organisation_sees_the_person_only_once_its_record_cites_them(self) -> None:
        self.client.force_login(self.outsider)
        self.assertEqual(set(self.outsider_sees().values()), {False})
        services.cite(self.person, self.record, self.other_organisation, role="traveller")
        self.assertEqual(set(self.outsider_sees().values()), {True})

    def test_a_citation_by_a_third_organisation_does_not_open_the_person(self) -> None:
        services.cite(self.person, self.record, self.organisation, role="traveller")
        self.assertFalse(m.Person.objects.restrict(self.outsider, VIEW)
                         .filter(pk=self.person.pk).exists())

    def test_several_citations_list_the_person_once(self) -> None:
        services.cite(self.person, self.record, self.other_organisation)
        services.cite(self.person, self.outsider, self.other_organisation)
        listed = [row["id"] for row in self.api.get(f"{API}/persons/").json()["results"]]
        self.assertEqual(listed, [self.person.pk])

    def test_the_citing_organisation_may_see_but_not_change_the_person(self) -> None:
        services.cite(self.person, self.record, self.other_organisation)
        self.grant(self.outsider, m.Person, "change", {"organisation": "$user.organisation"})
        response = self.api.patch(f"{API}/persons/{self.person.pk}/", {"notes": "x"},
                                  format="json")
        self.assertEqual(response.status_code, 404)


class SensitiveTests(CrossroadsTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.person = make_person(cls.organisation, "Юлия", "Ковальчук")
        cls.root = cls.make_user("root", None)
        cls.root.is_superuser = True
        cls.root.save()

    def test_a_superuser_without_explicit_permission_sees_no_persons(self) -> None:
        for model in (m.Person, m.PersonName, m.NameKey, m.MatchPair, m.Merge):
            if hasattr(model.objects, "restrict"):
                self.assertFalse(model.objects.restrict(self.root, VIEW).exists(), model)
        self.assertEqual(candidates(self.root, Query(family="Ковальчук")), [])
        api = APIClient()
        api.force_authenticate(self.root)
        self.assertEqual(api.get(f"{API}/persons/").status_code, 403)
        self.assertEqual(api.get(f"{API}/persons/search/", {"family": "Kovalchuk"})
                         .status_code, 403)
        self.client.force_login(self.root)
        self.assertEqual(self.client.get(self.person.get_absolute_url()).status_code, 403)

    def test_a_superuser_with_a_grant_sees_them(self) -> None:
        self.grant(self.root, m.Person, "view")
        self.assertEqual([c.person for c in candidates(self.root, Query(family="Ковальчук"))],
                         [self.person])


class NamesOutOfReachTests(CrossroadsTestCase):
    """A reviewer who may see a pair or a merge but not the persons' names sees identifiers."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.left = make_person(cls.organisation, "Юлия", "Ковальчук")
        cls.right = make_person(cls.other_organisation, "Iuliia", "Kovalchuk")
        cls.pair = m.MatchPair.objects.create(left=cls.left, right=cls.right, probability=0.9)

    def test_pages_show_only_the_names_the_user_may_view(self) -> None:
        self.grant(self.owner, m.MatchPair, "view")
        self.grant(self.owner, m.PersonName, "view", THEIRS)
        self.client.force_login(self.owner)
        listed = self.client.get("/people/possible-duplicates/")
        self.assertContains(listed, "Ковальчук")
        self.assertNotContains(listed, "Kovalchuk")
        detail = self.client.get(f"/people/possible-duplicates/{self.pair.pk}/")
        self.assertEqual(detail.status_code, 200)
        self.assertNotContains(detail, "Kovalchuk")
        self.client.force_login(self.colleague)
        self.grant(self.colleague, m.Person, "view")
        page = self.client.get(self.left.get_absolute_url())
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, "Ковальчук")
