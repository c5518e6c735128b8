"""Importing entries from CSV (all or nothing) and the alert queue (open first, filters)."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from crossroads.testing.base import CrossroadsTestCase
from crossroads.watchlists import services
from crossroads.watchlists.models import Alert, Watchlist, WatchlistEntry
from crossroads.watchlists.screening import Traveller, screen
from crossroads.watchlists.tests.helpers import make_entry, make_list, make_person
from crossroads.watchlists.tests.test_alerts import grant_border_officer

GOOD = ("family,given,patronymic,aliases,language,birth_year,sex,nationality,action\n"
        "Щербакова,Юлия,Сергеевна,Scherbakowa Julia;Chtcherbakova,ru,1985,F,XXA,refuse_entry\n"
        "ბერიძე,გიორგი,,,ka,1979,M,UKR,inform\n"
        "Ionescu,Maria,,,ro,,F,MDA,\n")
BAD = ("family,given,birth_year,birth_month,birth_day,nationality,document_number,action\n"
       "Petrov,Ivan,1980,2,30,MDA,,refuse_entry\n"
       "Sidorov,Petr,19x0,,,ZZZ,,refuse_entry\n"
       ",,,,,,,refuse_entry\n"
       "Kuznetsov,Oleg,1975,,,UKR,---,teleport\n"
       "Popov,Ilya,1990,,,MDA,AB123,arrest\n")


class ImportTests(CrossroadsTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.watchlist = make_list(cls.organisation, cls.home_country)

    def test_names_in_any_script_are_imported_and_screened(self) -> None:
        report = services.import_entries(self.watchlist, GOOD)
        self.assertEqual((report.ok, report.written), (True, 3))
        self.assertEqual(WatchlistEntry.objects.filter(watchlist=self.watchlist).count(), 3)
        found = screen(Traveller(family="SCHERBAKOWA", given="JULIA"))
        self.assertEqual([h.entry.family for h in found], ["Щербакова"])
        self.assertTrue(screen(Traveller(family="BERIDZE", given="GIORGI")))

    def test_every_bad_row_is_reported_with_its_line_and_nothing_is_written(self) -> None:
        report = services.import_entries(self.watchlist, BAD)
        self.assertEqual([line for line, _problem in report.problems], [2, 3, 4, 5])
        problems = dict(report.problems)
        self.assertIn("birth_day", problems[2])
        self.assertIn("birth_year", problems[3])
        self.assertIn("nationality", problems[3])
        self.assertIn("family", problems[4])
        self.assertIn("action", problems[5])
        self.assertFalse(WatchlistEntry.objects.exists())

    def test_unknown_columns_are_refused(self) -> None:
        report = services.import_entries(self.watchlist, "surname,firstname\nA,B\n")
        self.assertEqual(report.problems[0][0], 1)
        self.assertFalse(WatchlistEntry.objects.exists())

    def test_the_import_page_imports_for_a_supervisor_and_refuses_others(self) -> None:
        url = f"/borders/watchlists/{self.watchlist.pk}/import/"
        upload = SimpleUploadedFile("entries.csv", GOOD.encode("utf-8"), "text/csv")
        self.client.force_login(self.owner)
        self.assertEqual(self.client.post(url, {"file": upload}).status_code, 403)
        self.grant(self.owner, Watchlist, "view")
        self.grant(self.owner, WatchlistEntry, ["view", "add"],
                   {"watchlist__organisation": "$user.organisation"})
        upload.seek(0)
        response = self.client.post(url, {"file": upload})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(WatchlistEntry.objects.count(), 3)

    def test_the_import_page_lists_bad_rows(self) -> None:
        self.grant(self.owner, Watchlist, "view")
        self.grant(self.owner, WatchlistEntry, ["view", "add"])
        self.client.force_login(self.owner)
        upload = SimpleUploadedFile("entries.csv", BAD.encode("utf-8"), "text/csv")
        response = self.client.post(f"/borders/watchlists/{self.watchlist.pk}/import/",
                                    {"file": upload})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "teleport", status_code=400)
        self.assertFalse(WatchlistEntry.objects.exists())


class QueueTests(CrossroadsTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.watchlist = make_list(cls.organisation, cls.home_country)
        cls.other_list = make_list(cls.organisation, None, "Regional")
        make_entry(cls.watchlist, family="Петров", given="Иван", birth_year=1980)
        make_entry(cls.other_list, family="Сидоров", given="Пётр", birth_year=1975)
        first = make_person(cls.organisation, "PETROV", "IVAN")
        make_person(cls.organisation, "SIDOROV", "PETR")
        services.decide(Alert.objects.get(person=first), cls.owner, "confirmed")

    def test_the_queue_shows_open_alerts_first_and_filters_by_status_and_list(self) -> None:
        grant_border_officer(self, self.owner)
        self.client.force_login(self.owner)
        rows = self.client.get("/borders/alerts/").context["table"].rows
        self.assertEqual([row.record.status for row in rows], ["open", "confirmed"])
        rows = self.client.get("/borders/alerts/", {"status": "confirmed"}).context["table"].rows
        self.assertEqual([row.record.entry.family for row in rows], ["Петров"])
        rows = self.client.get("/borders/alerts/",
                               {"watchlist": self.other_list.pk}).context["table"].rows
        self.assertEqual([row.record.entry.family for row in rows], ["Сидоров"])
