"""Advance passenger lists: checked row by row, screened, recorded when the flight arrived."""

from __future__ import annotations

import io
import tempfile
from datetime import date
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from hypothesis import given
from hypothesis import strategies as st

from crossroads.borders.crossings.paxlst import PaxlstError, import_paxlst, parse_date
from crossroads.borders.models import Crossing
from crossroads.borders.tests.test_crossings import CrossingTestCase
from crossroads.people.models import Person

HEADER = ("family_name,given_names,sex,birth_date,nationality,document_type,document_number,"
          "document_expiry,issuing_state,flight,departure_airport,arrival_airport,"
          "departure_time,arrival_time")
ROWS = [
    "KOVALCHUK,IULIIA,F,1990-03-12,MDA,P,AB1234567,2031-01-01,MDA,9U102,IST,RMO,"
    "2026-11-01T08:00,2026-11-01T09:40",
    "PETRENKO,OLEH,M,19750601,UKR,P,FX7654321,20300101,UKR,9U102,IST,RMO,"
    "202611010800,202611010940",
]


def paxlst(*rows: str) -> str:
    return "\n".join([HEADER, *rows]) + "\n"


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)))
def test_every_date_reads_back_in_both_edifact_forms(day: date) -> None:
    assert parse_date(day.isoformat()) == day
    assert parse_date(day.strftime("%Y%m%d")) == day


class PaxlstTests(CrossingTestCase):
    def test_a_flight_not_arrived_is_screened_and_nothing_is_saved(self) -> None:
        from crossroads.watchlists.tests.helpers import make_entry, make_list

        make_entry(make_list(self.organisation, None), family="Petrenko", given="Oleg",
                   birth_year=1975, birth_month=6, birth_day=1)
        report = import_paxlst(self.owner, paxlst(*ROWS))
        self.assertEqual((report.rows, report.bad, report.screened), (2, [], 2))
        self.assertEqual([(row["line"], row["name"]) for row in report.hits],
                         [(3, "PETRENKO OLEH")])
        self.assertIn("given", [f["field"] for f in report.hits[0]["hits"][0]["fields"]])
        self.assertEqual((Crossing.objects.count(), Person.objects.count()), (0, 0))

    def test_an_arrived_flight_becomes_entries_once(self) -> None:
        report = import_paxlst(self.owner, paxlst(*ROWS), point=self.point, arrived=True)
        self.assertEqual((report.recorded, report.saved, report.bad), (2, True, []))
        crossing = Crossing.objects.get(document_number="AB1234567")
        self.assertEqual((crossing.movement, crossing.source, crossing.vehicle,
                          crossing.transport), ("entry", "paxlst:9U102", "9U102", "plane"))
        self.assertEqual(crossing.crossed_at.isoformat(), "2026-11-01T09:40:00+00:00")
        again = import_paxlst(self.owner, paxlst(*ROWS), point=self.point, arrived=True)
        self.assertEqual((again.recorded, again.already_recorded), (0, 2))
        self.assertEqual(Crossing.objects.count(), 2)

    def test_bad_rows_are_reported_with_line_and_reason_and_nothing_is_saved(self) -> None:
        bad = [
            "NOBIRTH,ANNA,F,,MDA,P,AA0000001,,MDA,9U102,IST,RMO,2026-11-01T08:00,"
            "2026-11-01T09:40",
            "BADDATE,ANNA,F,1990-02-30,QQQ,P,AA0000002,,MDA,9U102,IST,RMO,2026-11-01T08:00,"
            "2026-11-01T09:40",
            ROWS[0].replace("IULIIA", "JULIA"),  # the same passport twice on one flight
        ]
        report = import_paxlst(self.owner, paxlst(*ROWS, *bad), point=self.point,
                               arrived=True)
        found = {(p.line, p.field) for p in report.bad}
        self.assertEqual(found, {(4, "birth_date"), (5, "birth_date"), (5, "nationality"),
                                 (6, "document_number")})
        self.assertFalse(report.saved)
        self.assertEqual((Crossing.objects.count(), Person.objects.count()), (0, 0))

    def test_skip_bad_keeps_the_good_rows_and_lists_the_bad(self) -> None:
        bad = "X,Y,Q,1990-01-01,MDA,P,AA0000003,,MDA,9U102,IST,RMO,2026-11-01T08:00,soon"
        report = import_paxlst(self.owner, paxlst(*ROWS, bad), point=self.point,
                               arrived=True, skip_bad=True)
        self.assertEqual(report.recorded, 2)
        self.assertEqual({(p.line, p.field) for p in report.bad},
                         {(4, "sex"), (4, "arrival_time")})
        self.assertEqual(Crossing.objects.count(), 2)

    def test_a_refusal_by_the_recording_service_stops_the_whole_list(self) -> None:
        report = import_paxlst(self.owner, paxlst(*ROWS), point=self.closed, arrived=True)
        self.assertEqual({p.line for p in report.bad}, {2, 3})
        self.assertEqual((Crossing.objects.count(), Person.objects.count()), (0, 0))

    def test_a_file_without_the_required_columns_is_refused(self) -> None:
        with self.assertRaises(PaxlstError) as refused:
            import_paxlst(self.owner, "name,passport\nA,B\n")
        self.assertIn("family_name", str(refused.exception))

    def test_edifact_dates_are_read(self) -> None:
        self.assertEqual(parse_date("900312", past=True).isoformat(), "1990-03-12")
        self.assertEqual(parse_date("310101").isoformat(), "2031-01-01")  # an expiry
        self.assertEqual(parse_date("19900312").isoformat(), "1990-03-12")
        with self.assertRaises(ValueError):
            parse_date("1990-13-01")

    def test_a_file_that_is_not_utf8_fails_with_a_reason(self) -> None:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "latin1.csv"
            path.write_bytes(paxlst(*ROWS).replace("IULIIA", "JÜLIA").encode("latin-1"))
            with self.assertRaisesMessage(CommandError, "not UTF-8"):
                call_command("borders", "import-paxlst", str(path), "--user", "owner",
                             stdout=io.StringIO())

    def test_the_command_imports_a_list(self) -> None:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "9U102.csv"
            path.write_text(paxlst(*ROWS), encoding="utf-8")
            out = io.StringIO()
            call_command("borders", "import-paxlst", str(path), "--user", "owner",
                         "--point", self.point.code, "--arrived", stdout=out)
            self.assertIn("2 entries recorded", out.getvalue())
            self.assertEqual(Crossing.objects.count(), 2)
            path.write_text(paxlst("A,B,F,1990-01-01,MDA,P,,,MDA,9U1,IST,RMO,x,y"))
            with self.assertRaises(CommandError):
                call_command("borders", "import-paxlst", str(path), "--user", "owner",
                             stdout=io.StringIO())

    def test_the_upload_page_starts_a_job(self) -> None:
        from crossroads.core.models import Job

        self.client.force_login(self.owner)
        upload = SimpleUploadedFile("9U102.csv", paxlst(*ROWS).encode(), "text/csv")
        response = self.client.post("/borders/crossings/passenger-lists/",
                                    {"file": upload, "point": self.point.pk, "arrived": "on"})
        job = Job.objects.get(name="borders.paxlst")
        self.assertRedirects(response, job.get_absolute_url(), fetch_redirect_response=False)
        self.assertEqual((job.kwargs["point"], job.kwargs["arrived"]), (self.point.pk, True))

    def test_the_upload_page_needs_the_point_of_an_arrived_flight(self) -> None:
        self.client.force_login(self.owner)
        upload = SimpleUploadedFile("9U102.csv", paxlst(*ROWS).encode(), "text/csv")
        response = self.client.post("/borders/crossings/passenger-lists/",
                                    {"file": upload, "arrived": "on"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("point", response.context["form"].errors)
