"""The printed profile: cover, contents, numbered pages, charts, footnotes, no fetching."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pypdf
from django.contrib.auth import get_user_model

from crossroads.evidence.choices import Producer
from crossroads.evidence.models import Area
from crossroads.evidence.tests.figures import EvidenceTestCase, finish, put, release
from crossroads.profiles.batch import about
from crossroads.profiles.content.build import build_content
from crossroads.profiles.document import figures_of
from crossroads.profiles.pdf import PdfError, RefusedURL, html_to_pdf, render_html, render_pdf
from crossroads.profiles.pdf import url_fetcher as data_only

SOURCE_TITLE = "International Migrant Stock 2020"


def put_figures() -> None:
    """A few figures of Moldova and Ukraine (Turkmenistan has none)."""
    undesa = release("undesa-2020", "undesa-ims", published=date(2021, 1, 15),
                     title=SOURCE_TITLE)
    wdi = release("wb-wdi", "wb-wdi", producer=Producer.WORLD_BANK, published=date(2023, 7, 1),
                  title="World Development Indicators, July 2023")
    for code, base in (("MDA", 100000.0), ("UKR", 4000000.0)):
        for year, factor in ((2005, 0.9), (2010, 1.0), (2013, 1.1)):
            put(undesa, "MIG_STOCK", code, year, base * factor)
            put(wdi, "POP", code, year, base * 30)
    for origin, value in (("RUS", 40000), ("UKR", 30000), ("BLR", 9000)):
        put(undesa, "MIG_STOCK", "MDA", 2013, value, origin=origin)
    put(wdi, "REMIT_IN", "MDA", 2013, 1.6, multiplier=9)
    put(wdi, "GDP", "MDA", 2013, 8.0, multiplier=9)
    finish()


def reader() -> Any:
    return get_user_model()(username="crossroads-cli", is_superuser=True, is_active=True)


def document(code: str, language: str = "en") -> dict[str, Any]:
    content = build_content(reader(), code, 2013, language=language)
    return {**content, "profile": about(content, 2013, language, "IOM Moldova")}


def pdf_text(pdf: bytes) -> tuple[int, str]:
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    return len(pages), "\n".join(page.extract_text() for page in pages)


class PrintedProfileTests(EvidenceTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        put_figures()
        cls.doc = document("MDA")
        cls.pages, cls.text = pdf_text(render_pdf(cls.doc))

    def test_the_pdf_has_a_cover_contents_and_numbered_body_pages(self) -> None:
        self.assertGreaterEqual(self.pages, 4)
        self.assertIn("Migration profile: Moldova, 2013", self.text)
        self.assertIn("Draft — not approved", self.text)
        self.assertIn("Contents", self.text)
        self.assertIn(f"Page 3 of {self.pages}", self.text)

    def test_figures_and_their_footnote_sources_are_printed(self) -> None:
        stock = figures_of(self.doc)["A/immigrants/MIG_STOCK"]
        self.assertEqual(stock["year"], 2013)
        self.assertIn(stock["display"], self.text)
        self.assertIn("Sources and notes", self.text)
        self.assertIn(SOURCE_TITLE, self.text)

    def test_the_html_is_standalone_with_print_css_and_inline_charts(self) -> None:
        html = render_html(self.doc)
        self.assertTrue(html.lstrip().startswith("<!DOCTYPE html>"))
        self.assertIn("target-counter(attr(href url), page)", html)
        self.assertIn("<svg", html)
        self.assertNotIn("http://", html.replace("http://www.w3.org", ""))

    def test_an_approved_profile_says_who_approved_it(self) -> None:
        doc = {**self.doc, "profile": {**self.doc["profile"], "approved_by": "Ana Reviewer",
                                       "published_at": "2024-03-01T10:00:00"}}
        self.assertIn("Approved for publication by Ana Reviewer on 2024-03-01.",
                      render_html(doc))

    def test_a_russian_profile_prints_cyrillic(self) -> None:
        name_ru = Area.objects.get(code="MDA").name_ru
        self.assertTrue(name_ru)
        _pages, text = pdf_text(render_pdf(document("MDA", "ru")))
        self.assertIn(name_ru, text)

    def test_the_renderer_fetches_nothing_but_data_uris(self) -> None:
        fetcher = data_only()
        for url in ("https://example.org/logo.png", "http://10.0.0.1/x.css",
                    "file:///etc/passwd"):
            with self.assertRaises(RefusedURL):
                fetcher(url)
        self.assertEqual(fetcher("data:text/plain,hello").read(), b"hello")
        with self.assertRaisesMessage(PdfError, "example.org"):
            html_to_pdf('<p>x</p><img src="https://example.org/logo.png">', "test")
