"""The printed migration profile: a standalone HTML file and its PDF (WeasyPrint).

Both come from one template, ``profiles/print.html``: a cover page, a table of contents
with page numbers, the document (``profiles/document.html``, the same parts, items,
annex and footnotes as the web page) and print CSS for page numbers and running
headers. Charts are the SVG frozen in the document, so nothing is fetched while
printing: the URL fetcher refuses every URL except ``data:`` URIs (no network, no
files on disk), and any failure raises :class:`PdfError`.
"""

from __future__ import annotations

import logging
import re
import time
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

TEMPLATE = "profiles/print.html"


class PdfError(RuntimeError):
    """A profile could not be printed to PDF."""


class RefusedURL(ValueError):
    """The PDF renderer asked for a resource outside the document (refused)."""


def refuse_outside_data(url: str) -> None:
    """Raise :class:`RefusedURL` unless ``url`` is a ``data:`` URI."""
    if not url.strip().lower().startswith("data:"):
        raise RefusedURL(f"the profile PDF may not fetch {url[:200]!r}: only data: URIs "
                         "are allowed (no network, no files)")


def url_fetcher() -> Any:
    """A WeasyPrint URL fetcher that only reads ``data:`` URIs and stops on anything else."""
    from weasyprint.urls import URLFetcher

    class DataOnlyFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            refuse_outside_data(url)
            return super().fetch(url, headers)

    return DataOnlyFetcher(allowed_protocols={"data"}, allow_redirects=False,
                           fail_on_errors=True)


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def page_counter() -> str:
    """CSS ``content`` for "Page 3 of 12" in the active language (one translatable text)."""
    text = _("Page %(page)s of %(pages)s")
    parts: list[str] = []
    for chunk in re.split(r"(%\(pages?\)s)", text):
        if chunk in ("%(page)s", "%(pages)s"):
            parts.append(f"counter({chunk[2:-2]})")
        elif chunk:
            parts.append(css_string(chunk))
    return " ".join(parts)


def status_line(profile: dict[str, Any]) -> str:
    """Who approved the edition and when, or that it is a draft."""
    if profile.get("approved_by"):
        return _("Approved for publication by %(approver)s on %(date)s.") % {
            "approver": profile["approved_by"],
            "date": str(profile.get("published_at") or "")[:10]}
    return _("Draft — not approved")


def render_html(document: dict[str, Any]) -> str:
    """The profile as one standalone HTML file (cover, contents, parts, annex, notes)."""
    from crossroads.profiles.document import with_charts

    doc = with_charts(document)
    with translation.override(doc.get("language") or "en"):
        return render_to_string(TEMPLATE, {
            "doc": doc, "page_counter": page_counter(),
            "status_line": status_line(doc.get("profile") or {})})


def html_to_pdf(html: str, title: str = "") -> bytes:
    """PDF bytes of a print HTML file; raise :class:`PdfError` if WeasyPrint fails."""
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    quiet_font_notices()
    try:
        pdf = HTML(string=html, url_fetcher=url_fetcher(), base_url=None).write_pdf()
    except FatalURLFetchingError as error:
        cause = error.__cause__ or error
        raise PdfError(f"could not print {title or 'the profile'}: {cause}") from error
    except Exception as error:
        raise PdfError(f"could not print {title or 'the profile'}: "
                       f"{type(error).__name__}: {error}") from error
    if not pdf:
        raise PdfError(f"could not print {title or 'the profile'}: WeasyPrint gave no PDF")
    return bytes(pdf)


def render_pdf(document: dict[str, Any]) -> bytes:
    """The profile document (``document()``/``live_document()``) printed to PDF bytes."""
    title = str(document.get("profile", {}).get("title") or "")
    return html_to_pdf(render_html(document), title)


def print_file(html: str, path: str, title: str = "") -> float:
    """Print ``html`` to a PDF file at ``path``; the seconds it took (batch worker entry).

    Needs neither the database nor Django's set-up, so it runs in worker processes.
    """
    start = time.perf_counter()
    Path(path).write_bytes(html_to_pdf(html, title))
    return time.perf_counter() - start


class _FontNotice(logging.Filter):
    """Hide WeasyPrint's notice that fonts are subset by fontTools (HarfBuzz-Subset absent)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "HarfBuzz-Subset" not in record.getMessage()


def quiet_font_notices() -> None:
    weasy = logging.getLogger("weasyprint")
    if not any(isinstance(f, _FontNotice) for f in weasy.filters):
        weasy.addFilter(_FontNotice())
