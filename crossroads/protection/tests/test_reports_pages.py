"""Protection reports on the web and in the API: the dashboard with its SVG charts, the
service-delivery report and its CSV, the donor export, and who sees what."""

from __future__ import annotations

import csv
import io
from datetime import date
from xml.etree import ElementTree

from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from crossroads.protection.choices import AssistanceKind, ReferralStatus, Service
from crossroads.protection.reports import charts, counts, tables
from crossroads.protection.tests.test_reports_counts import ReportsTestCase

API = "/api/v1/protection/reports"
SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)  # noqa: S314 (our own renderer's output, not untrusted)


def csv_lines(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


class ReportPageTests(ReportsTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.refer(cls.woman, Service.SHELTER, ReferralStatus.COMPLETED, date(2026, 4, 10))
        cls.assist(cls.girl, AssistanceKind.TRAINING, date(2026, 5, 3))

    def test_the_programme_manager_sees_protected_counts_and_no_case(self) -> None:
        self.client.force_login(self.manager)
        page = self.client.get(reverse("protection:caseload"))
        self.assertContains(page, "Fewer than 5 cases you may count")
        self.assertContains(page, "&lt;5</td>")
        self.assertNotContains(page, self.case.reference)
        self.assertIn(self.client.get(self.case.get_absolute_url()).status_code, (403, 404))

    def test_a_case_worker_sees_exact_counts_of_their_own_cases(self) -> None:
        self.client.force_login(self.owner)
        page = self.client.get(reverse("protection:caseload"))
        self.assertContains(page, "1 case you may count")
        self.assertNotContains(page, "&lt;5")
        self.assertNotContains(page, "Ukraine")

    def test_the_dashboard_draws_svg_charts_with_a_text_alternative(self) -> None:
        self.client.force_login(self.colleague)
        page = self.client.get(reverse("protection:caseload")).content.decode()
        self.assertIn('role="img"', page)
        self.assertIn("Bar chart of Cases by case type", page)

    def test_filters_narrow_the_dashboard_and_bad_ones_are_explained(self) -> None:
        self.client.force_login(self.colleague)
        page = self.client.get(reverse("protection:caseload"), {"case_type": "uasc"})
        self.assertContains(page, "1 case you may count")
        bad = self.client.get(reverse("protection:caseload"),
                              {"start": "2026-05-01", "end": "2026-01-01"})
        self.assertContains(bad, "The period cannot end before it starts.")
        self.assertNotContains(bad, "you may count")

    def test_someone_who_may_not_count_cases_is_refused(self) -> None:
        self.client.force_login(self.make_user("nobody", self.organisation))
        for name in ("caseload", "report_service_delivery", "report_donor_csv"):
            self.assertEqual(self.client.get(reverse(f"protection:{name}")).status_code, 403)

    def test_the_service_delivery_report_and_its_csv(self) -> None:
        self.client.force_login(self.colleague)
        page = self.client.get(reverse("protection:report_service_delivery"))
        self.assertContains(page, "Referrals made, by service and status")
        self.assertContains(page, "<svg", html=False)
        lines = csv_lines(self.client.get(
            reverse("protection:report_service_delivery_csv"),
            {"start": "2026-04-01", "end": "2026-04-30"}).content)
        self.assertEqual(lines[0], ["Report", "Service delivery"])
        self.assertEqual(lines[1], ["Period", "2026-04-01 – 2026-04-30"])
        self.assertIn(["Referrals completed, by service", "Shelter", "", "1"], lines)
        self.assertNotIn("Training", str(lines))  # the other organisation's assistance

    def test_the_donor_export_protects_small_counts_even_for_a_supervisor(self) -> None:
        self.client.force_login(self.colleague)
        response = self.client.get(reverse("protection:report_donor_csv"),
                                   {"organisation": self.organisation.pk})
        lines = csv_lines(response.content)
        self.assertEqual(lines[2], ["Scope", "all countries; all case types; Home Organisation"])
        self.assertEqual(lines[3], ["Generated on", date.today().isoformat()])
        self.assertIn(["Cases counted", "", "", "<5"], lines)
        self.assertIn(["Cases by case type", "Unaccompanied or separated child", "", "<5"],
                      lines)
        self.assertNotIn("1", [line[-1] for line in lines if line])

    def test_the_donor_export_as_a_workbook(self) -> None:
        self.client.force_login(self.manager)
        response = self.client.get(reverse("protection:report_donor_xlsx"))
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert sheet is not None
        rows = [tuple(cell for cell in row) for row in sheet.iter_rows(values_only=True)]
        self.assertEqual(rows[0][:2], ("Report", "Protection caseload and service delivery"))
        self.assertIn(("Cases by country of the owning organisation", "Ukraine", None, "<5"),
                      rows)

    def test_a_download_with_bad_filters_says_why(self) -> None:
        self.client.force_login(self.manager)
        response = self.client.get(reverse("protection:report_donor_csv"), {"country": "XXX"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("country", response.content.decode())


class ReportAPITests(ReportsTestCase):
    def setUp(self) -> None:
        self.api = APIClient()

    def test_the_caseload_endpoint_protects_small_counts_of_a_viewer_of_aggregates(self) -> None:
        self.api.force_authenticate(self.manager)
        found = self.api.get(f"{API}/caseload/").json()
        self.assertEqual((found["exact"], found["total"], found["country"]),
                         (False, "<5", {"MDA": "<5", "UKR": "<5"}))

    def test_the_caseload_endpoint_gives_a_case_worker_exact_counts(self) -> None:
        self.api.force_authenticate(self.owner)
        found = self.api.get(f"{API}/caseload/", {"country": "MDA"}).json()
        self.assertEqual((found["exact"], found["total"], found["sex"]), (True, 1, {"F": 1}))

    def test_bad_filters_are_refused_with_the_field_named(self) -> None:
        self.api.force_authenticate(self.owner)
        response = self.api.get(f"{API}/service-delivery/", {"start": "yesterday"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("start", response.json())
        self.api.force_authenticate(self.make_user("nobody", self.organisation))
        self.assertEqual(self.api.get(f"{API}/caseload/").status_code, 403)

    def test_the_service_delivery_endpoint(self) -> None:
        self.refer(self.woman, Service.SHELTER, ReferralStatus.COMPLETED, date(2026, 4, 10))
        self.api.force_authenticate(self.owner)
        found = self.api.get(f"{API}/service-delivery/").json()
        self.assertEqual((found["services_delivered"], found["persons"]), (1, 1))
        self.assertEqual(found["referrals"], {"shelter": {"completed": 1}})


class ReportChartTests(ReportsTestCase):
    def test_a_chart_is_valid_svg_with_a_title_and_a_description(self) -> None:
        shown = tables.caseload_tables(counts.caseload(self.colleague), exact=True)
        chart = charts.caseload_charts(shown)["case_type"]
        root = parse(charts.svg(chart))
        self.assertEqual(root.tag, f"{SVG}svg")
        self.assertEqual(root.findtext(f"{SVG}title"), "Cases by case type")
        self.assertIn("Vulnerable migrant: 1", root.findtext(f"{SVG}desc") or "")

    def test_a_protected_count_is_never_drawn(self) -> None:
        shown = tables.caseload_tables(counts.caseload(self.manager), exact=False)
        drawn = charts.caseload_charts(shown)
        self.assertIsNone(drawn["case_type"])
        self.assertEqual(charts.svg(drawn["case_type"]), "")

    def test_every_chart_of_both_reports_renders(self) -> None:
        shown = tables.caseload_tables(counts.caseload(self.colleague), exact=True)
        delivered = tables.delivery_tables(counts.service_delivery(self.colleague), exact=True)
        self.refer(self.woman, Service.SHELTER, ReferralStatus.COMPLETED, date(2026, 4, 10))
        delivered = tables.delivery_tables(counts.service_delivery(self.colleague), exact=True)
        for chart in [*charts.caseload_charts(shown).values(),
                      *charts.delivery_charts(delivered).values()]:
            if chart is not None:
                self.assertEqual(parse(charts.svg(chart)).tag, f"{SVG}svg")
        self.assertIsNotNone(charts.caseload_charts(shown)["sex_age"])
        self.assertIsNotNone(charts.delivery_charts(delivered)["referrals"])

    def test_the_line_of_months_breaks_at_a_protected_month(self) -> None:
        shown = tables.caseload_tables(counts.caseload(self.manager), exact=False)
        self.assertEqual([row.cells for row in shown["month"].rows], [["<5"], [0], ["<5"]])
        self.assertEqual(charts.month_segments(shown["month"]),
                         [{"row": "2026-02", "date": "2026-02-01", "count": 0, "segment": 1}])
        self.assertIsNone(charts.month_line(shown["month"], "Cases"))
