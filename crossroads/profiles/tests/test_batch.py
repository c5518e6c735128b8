"""Building a region's profiles from the command line: HTML and PDF files per area."""

from __future__ import annotations

import shutil
import tempfile
from io import StringIO
from pathlib import Path

import pypdf
from django.core.management import CommandError, call_command

from crossroads.evidence.choices import AreaKind
from crossroads.evidence.models import Area
from crossroads.evidence.tests.figures import EvidenceTestCase
from crossroads.profiles.batch import build_profiles
from crossroads.profiles.tests.test_pdf import put_figures, reader
from crossroads.reference.choices import RegionKind
from crossroads.reference.models import Country, Region


class BuildProfilesTests(EvidenceTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        put_figures()
        pair = Region.objects.create(code="test_pair", name="Test pair", name_ru="Тестовая пара",
                                     kind=RegionKind.GROUPING)
        pair.countries.set(Country.objects.filter(iso3__in=["MDA", "TKM"]))
        Area.objects.create(code="TEST_PAIR", name="Test pair", name_ru="Тестовая пара",
                            kind=AreaKind.REGION, region=pair)

    def setUp(self) -> None:
        self.output = Path(tempfile.mkdtemp(prefix="crossroads-profiles-"))
        self.addCleanup(shutil.rmtree, self.output, ignore_errors=True)

    def test_the_command_writes_html_and_pdf_for_every_member_and_the_region(self) -> None:
        out = StringIO()
        call_command("profiles", "build", "--region", "test_pair", "--year", "2013",
                     "--workers", "2", "--output", str(self.output), stdout=out)
        names = sorted(p.name for p in self.output.iterdir())
        self.assertEqual(names, [f"{code}-2013-en.{ext}" for code in ("MDA", "TEST_PAIR", "TKM")
                                 for ext in ("html", "pdf")])
        for path in self.output.iterdir():
            self.assertGreater(path.stat().st_size, 1000, path.name)
        turkmenistan = (self.output / "TKM-2013-en.html").read_text()
        self.assertIn("no data", turkmenistan)
        self.assertIn("Not written yet.", turkmenistan)
        self.assertIn("Migration profile: Turkmenistan, 2013", turkmenistan)
        pdf = pypdf.PdfReader(self.output / "TKM-2013-en.pdf")
        self.assertGreaterEqual(len(pdf.pages), 4)
        self.assertIn("no data", "".join(page.extract_text() for page in pdf.pages))
        summary = out.getvalue()
        self.assertIn("3 of 3 profiles of TEST_PAIR for 2013", summary)
        self.assertIn("HTML:", summary)
        self.assertIn("PDF:", summary)
        self.assertIn(str(self.output), summary)

    def test_html_only_in_russian_with_timings(self) -> None:
        seen: list[tuple[str, str]] = []
        report = build_profiles(reader(), "TEST_PAIR", 2013, language="ru", output=self.output,
                                pdf=False, progress=lambda stage, d, t, code:
                                seen.append((stage, code)))
        self.assertEqual([a.code for a in report.areas], ["MDA", "TKM", "TEST_PAIR"])
        self.assertEqual(seen, [("html", "MDA"), ("html", "TKM"), ("html", "TEST_PAIR")])
        self.assertFalse(report.failed)
        self.assertTrue(all(a.html_seconds > 0 and a.pdf is None for a in report.areas))
        self.assertEqual(sorted(p.suffix for p in self.output.iterdir()), [".html"] * 3)
        self.assertIn("Тестовая пара", (self.output / "TEST_PAIR-2013-ru.html").read_text())

    def test_an_unknown_region_a_country_or_a_bad_year_is_refused(self) -> None:
        for region, year, message in (("NOWHERE", "2013", "no region with the code NOWHERE"),
                                      ("MDA", "2013", "MDA is not a region"),
                                      ("TEST_PAIR", "1200", "between 1950 and 2100")):
            with self.assertRaisesMessage(CommandError, message):
                call_command("profiles", "build", "--region", region, "--year", year,
                             "--output", str(self.output), "--quiet")
        with self.assertRaisesMessage(CommandError, "no user 'nobody'"):
            call_command("profiles", "build", "--region", "TEST_PAIR", "--year", "2013",
                         "--user", "nobody", "--quiet")
