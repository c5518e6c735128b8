"""Building the migration profiles of a whole region at once (HTML and PDF files).

For every member of a region and the region itself, :func:`build_profiles` builds the
document as the public would see it (``for_publication()``: small cells suppressed),
with no narrative yet ("Not written yet."), writes ``<CODE>-<year>-<lang>.html`` and,
optionally, prints the PDFs in parallel worker processes. Nothing is stored in the
database: these are drafts for review, not published editions.

The workers are spawned processes that only receive the finished HTML
(:func:`crossroads.profiles.pdf.print_file` needs neither the database nor Django's
set-up), which is what :func:`crossroads.profiles.pdf.render_pdf` would print from the
same document.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from crossroads.evidence.services.disclosure import for_publication
from crossroads.evidence.services.snapshot import Reference, UnknownCode
from crossroads.profiles.content.build import build_content
from crossroads.profiles.pdf import print_file, render_html

#: ``progress(stage, done, total, code)``: stage is "html" or "pdf".
Progress = Callable[[str, int, int, str], None]


class BuildError(ValueError):
    """The region or year of a build is not one that can be built."""


@dataclass
class AreaBuild:
    """What was built for one area, and how long it took."""

    code: str
    name: str = ""
    html: Path | None = None
    pdf: Path | None = None
    html_seconds: float = 0.0
    pdf_seconds: float = 0.0
    error: str = ""


@dataclass
class BuildReport:
    """The files written for a region, with per-area and total timings (wall seconds)."""

    region: str
    year: int
    language: str
    output: Path
    workers: int
    areas: list[AreaBuild] = field(default_factory=list)
    html_seconds: float = 0.0
    pdf_seconds: float = 0.0

    @property
    def failed(self) -> list[AreaBuild]:
        return [area for area in self.areas if area.error]


def area_codes(ref: Reference, region: str) -> list[str]:
    """The region's members (by code) and then the region itself."""
    try:
        info = ref.area(region)
    except UnknownCode:
        raise BuildError(_("There is no region with the code %(code)s.")
                         % {"code": region}) from None
    if not ref.is_region(info.pk):
        raise BuildError(_("%(code)s is not a region: give a region's code, such as SEEECA.")
                         % {"code": region})
    return [ref.areas[pk].code for pk in ref.members[info.pk]] + [info.code]


def check_year(year: int) -> None:
    if not 1950 <= year <= 2100:
        raise BuildError(_("The reference year must be between 1950 and 2100, not %(year)s.")
                         % {"year": year})


def organisation_of(user: Any) -> str:
    """The user's organisation as a name ("" for the command line's unsaved reader)."""
    if getattr(user, "organisation_id", None) is None:
        return ""
    return str(user.organisation)


def about(content: dict[str, Any], year: int, language: str, organisation: str) -> dict[str, Any]:
    """The ``profile`` entry of a built document: a draft with no narrative and no row."""
    with translation.override(language):
        title = _("Migration profile: %(area)s, %(year)s") % {
            "area": content["area"]["name"], "year": year}
    return {"id": None, "title": title, "version": None, "status": "draft",
            "organisation": organisation, "key_findings": "", "recommendations": "",
            "approved_by": None, "published_at": None}


def build_html(user: Any, code: str, year: int, language: str, ref: Reference,
               output: Path) -> tuple[AreaBuild, str]:
    """One area's document written as HTML; the report line and the HTML."""
    start = time.perf_counter()
    with for_publication():
        content = build_content(user, code, year, language=language, reference=ref)
    document = {**content, "profile": about(content, year, language, organisation_of(user))}
    html = render_html(document)
    path = output / f"{code}-{year}-{language}.html"
    path.write_text(html, encoding="utf-8")
    built = AreaBuild(code=code, name=content["area"]["name"], html=path,
                      html_seconds=time.perf_counter() - start)
    return built, html


def build_profiles(user: Any, region: str, year: int, *, language: str = "en", output: Path,
                   pdf: bool = True, workers: int = 1,
                   progress: Progress | None = None) -> BuildReport:
    """Build the profiles of ``region``'s members and of the region for ``year``.

    Raises :class:`BuildError` for an unknown region or a year out of range. An area
    whose build fails is reported (``AreaBuild.error``) and the others are still built.
    """
    check_year(year)
    ref = Reference.load()
    codes = area_codes(ref, region)
    output.mkdir(parents=True, exist_ok=True)
    report = BuildReport(region=region, year=year, language=language, output=output,
                         workers=max(1, workers))
    notify = progress or (lambda stage, done, total, code: None)
    pages: dict[str, str] = {}
    start = time.perf_counter()
    for done, code in enumerate(codes, 1):
        try:
            built, pages[code] = build_html(user, code, year, language, ref, output)
        except Exception as error:  # noqa: BLE001 (reported, the other areas go on)
            built = AreaBuild(code=code, error=f"HTML: {type(error).__name__}: {error}")
        report.areas.append(built)
        notify("html", done, len(codes), code)
    report.html_seconds = time.perf_counter() - start
    if pdf:
        start = time.perf_counter()
        print_all(report, pages, notify)
        report.pdf_seconds = time.perf_counter() - start
    return report


def print_all(report: BuildReport, pages: dict[str, str], notify: Progress) -> None:
    """Print every built page to PDF, in ``report.workers`` processes."""
    todo = [area for area in report.areas if area.code in pages]
    if report.workers == 1 or len(todo) == 1:
        for done, area in enumerate(todo, 1):
            finish(area, report, partial(print_file, *job(area, report, pages)))
            notify("pdf", done, len(todo), area.code)
        return
    with pool(min(report.workers, len(todo))) as executor:
        futures: dict[Future[float], AreaBuild] = {
            executor.submit(print_file, *job(area, report, pages)): area for area in todo}
        for done, future in enumerate(as_completed(futures), 1):
            area = futures[future]
            finish(area, report, future.result)
            notify("pdf", done, len(todo), area.code)


def job(area: AreaBuild, report: BuildReport, pages: dict[str, str]) -> tuple[str, str, str]:
    path = report.output / f"{area.code}-{report.year}-{report.language}.pdf"
    return pages[area.code], str(path), area.name or area.code


def finish(area: AreaBuild, report: BuildReport, result: Callable[[], float]) -> None:
    """Record a printed PDF's time, or its failure."""
    try:
        area.pdf_seconds = result()
    except Exception as error:  # noqa: BLE001 (reported, the other areas go on)
        area.error = f"PDF: {type(error).__name__}: {error}"
        return
    area.pdf = report.output / f"{area.code}-{report.year}-{report.language}.pdf"


def pool(workers: int) -> Executor:
    """Fresh (spawned) worker processes.

    Not forked: a forked child would share the parent's open database connection and
    the progress bar's thread; a spawned one imports only the PDF module and WeasyPrint
    (about half a second each, once per worker).
    """
    return ProcessPoolExecutor(max_workers=workers,
                               mp_context=multiprocessing.get_context("spawn"))

