"""Registering persons: everything or nothing, bad input refused or normalised with a
warning, comparison keys built and kept up to date."""

from __future__ import annotations

from datetime import date
from unittest import mock

from django.core.exceptions import ValidationError

from crossroads.people import models as m
from crossroads.people import services
from crossroads.people.dates import PartialDate
from crossroads.testing import CrossroadsTestCase

NAMES = [services.NameInput("given", "Юлия", "ru"), services.NameInput("family", "Ковальчук", "ru")]


class RegisterTests(CrossroadsTestCase):
    def register(self, **fields: object) -> m.Person:
        data = {"names": NAMES, **fields}
        return services.register(services.PersonInput(**data), self.organisation)  # type: ignore[arg-type]

    def problems(self, **fields: object) -> dict[str, list[str]]:
        with self.assertRaises(ValidationError) as caught:
            self.register(**fields)
        return services.describe_problems(caught.exception)

    def test_everything_given_is_written(self) -> None:
        person = self.register(
            sex="F", birth=PartialDate(1990, 3, 14), place_of_birth="Київ",
            nationalities=["ukr", "MDA"],
            documents=[services.DocumentInput("passport", "FE 123456", "UKR",
                                              date(2019, 5, 1), date(2029, 5, 1))])
        self.assertEqual(person.organisation, self.organisation)
        self.assertEqual((person.birth_year, person.birth_month, person.birth_day), (1990, 3, 14))
        self.assertEqual(sorted(person.names.values_list("part", "value", "script")),
                         [("family", "Ковальчук", "Cyrl"), ("given", "Юлия", "Cyrl")])
        self.assertEqual(sorted(person.nationalities.values_list("country__iso3", flat=True)),
                         ["MDA", "UKR"])
        document = person.documents.get()
        self.assertEqual((document.number_key, document.issuing_state), ("FE123456", "UKR"))
        self.assertEqual(person.warnings, [])

    def test_a_bad_document_code_writes_nothing_and_names_the_field(self) -> None:
        before = m.Person.objects.count(), m.PersonName.objects.count()
        problems = self.problems(documents=[services.DocumentInput("passport", "123", "QQQ")])
        self.assertIn("documents", problems)
        self.assertIn("QQQ", problems["documents"][0])
        self.assertEqual((m.Person.objects.count(), m.PersonName.objects.count()), before)

    def test_a_failure_after_the_first_write_rolls_everything_back(self) -> None:
        before = m.Person.objects.count()
        failing = mock.patch.object(services, "rebuild_keys", side_effect=ValueError("boom"))
        with self.assertRaises(ValueError), failing:
            self.register()
        self.assertEqual(m.Person.objects.count(), before)
        self.assertFalse(m.PersonName.objects.exists())

    def test_a_mixed_script_name_is_normalised_with_a_recorded_warning(self) -> None:
        # "Иvanov" with a Latin "a" and "o" inside a Cyrillic word, and a Cyrillic "о" in
        # a Latin one: look-alike letters typed on the wrong keyboard layout.
        person = services.register(services.PersonInput(names=[
            services.NameInput("given", "Юлия"),
            services.NameInput("family", "Kовальчук")]), self.organisation)
        family = person.names.get(part="family")
        self.assertEqual(family.value, "Ковальчук")
        self.assertEqual(family.script, "Cyrl")
        self.assertTrue(person.warnings)
        self.assertIn("Kовальчук", " ".join(person.warnings))

    def test_an_empty_name_is_refused_with_a_clear_message(self) -> None:
        problems = self.problems(names=[services.NameInput("given", "  "),
                                        services.NameInput("family", "Ковальчук")])
        self.assertIn("Name 1", problems["names"][0])

    def test_a_person_needs_a_given_or_family_name(self) -> None:
        problems = self.problems(names=[services.NameInput("patronymic", "Ивановна")])
        self.assertIn("given name or a family name", problems["names"][0])

    def test_an_impossible_date_is_refused(self) -> None:
        problems = self.problems(birth=PartialDate(2023, 2, 30))
        self.assertIn("2023-02 has no day 30", problems["birth"][0])
        self.assertIn("needs a month", self.problems(birth=PartialDate(1990, None, 4))["birth"][0])
        self.assertIn("future", self.problems(birth=PartialDate(2099, 1, 1))["birth"][0])

    def test_a_partial_or_approximate_date_is_accepted(self) -> None:
        person = self.register(birth=PartialDate(1980, approximate=True))
        self.assertEqual(str(person.birth_date), "~1980")

    def test_an_unknown_document_type_is_refused(self) -> None:
        problems = self.problems(documents=[services.DocumentInput("library_card", "1", "UKR")])
        self.assertIn("unknown document type 'library_card'", problems["documents"][0])
        self.assertIn("Document 1", problems["documents"][0])

    def test_an_unknown_nationality_is_refused(self) -> None:
        problems = self.problems(nationalities=["UKR", "ZZZ"])
        self.assertEqual(problems["nationalities"],
                         ["ZZZ is not a country code (ISO 3166 alpha-3)."])

    def test_every_problem_is_reported_at_once(self) -> None:
        problems = self.problems(sex="Q", birth=PartialDate(2023, 2, 30), nationalities=["ZZZ"],
                                 documents=[services.DocumentInput("passport", "--", "UKR")])
        self.assertEqual(set(problems), {"sex", "birth", "nationalities", "documents"})

    def test_icao_special_codes_are_accepted_as_issuing_states(self) -> None:
        person = self.register(documents=[services.DocumentInput("refugee_travel_document",
                                                                 "R-1", "xxb")])
        self.assertEqual(person.documents.get().issuing_state, "XXB")

    def test_a_citing_record_is_linked(self) -> None:
        person = services.register(services.PersonInput(names=NAMES), self.organisation,
                                   cited_by=self.other_organisation, role="partner")
        link = person.links.get()
        self.assertEqual((link.object_id, link.organisation, link.role),
                         (str(self.other_organisation.pk), self.organisation, "partner"))
        again = services.cite(person, self.other_organisation, self.organisation)
        self.assertEqual(again.pk, link.pk)


class KeyTests(CrossroadsTestCase):
    def test_keys_are_built_and_rebuilt_when_a_name_changes(self) -> None:
        person = services.register(services.PersonInput(names=NAMES), self.organisation)
        family_keys = set(person.keys.filter(part="family").values_list("key", flat=True))
        self.assertTrue(family_keys)
        self.assertTrue(person.keys.filter(part="given").exists())
        family = person.names.get(part="family")
        family.value = "Шевченко"
        family.save()
        changed = set(person.keys.filter(part="family").values_list("key", flat=True))
        self.assertTrue(changed)
        self.assertFalse(changed & family_keys)
        family.delete()
        self.assertFalse(person.keys.filter(part="family").exists())

    def test_aliases_are_keyed_as_other_names(self) -> None:
        person = services.register(services.PersonInput(names=[
            *NAMES, services.NameInput("alias", "Julia")]), self.organisation)
        self.assertTrue(person.keys.filter(part="other").exists())

