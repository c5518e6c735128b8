"""Render charts to SVG with vl-convert, cached, with a title and description inside.

Rendering runs Vega-Lite in vl-convert's embedded JavaScript engine: about half a second
for the first chart of a process, tens of milliseconds after. The SVG is cached (Django
cache) under a hash of the spec and the number locale, so a page shown again costs
nothing. vl-convert may fetch no URL: charts carry their data inline.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any, Literal

from django.core.cache import cache
from django.utils.html import escape
from django.utils.translation import get_language

from crossroads.evidence.charts.specs import Chart

#: Rendered charts stay cached for a day; a new spec (new data) has a new key anyway.
CACHE_SECONDS = 24 * 3600
Locale = Literal["en-US", "ru-RU"]
#: d3-format locales of the interface languages (thousands separators, decimal mark).
FORMAT_LOCALES: dict[str, Locale] = {"en": "en-US", "ru": "ru-RU"}
SVG_OPENING = re.compile(r"<svg\b[^>]*>")


class ChartError(Exception):
    """Vega-Lite could not render a spec (a bug in a spec function, not in the data)."""


def format_locale(language: str | None = None) -> Locale:
    """The d3-format locale for a language code (English when unknown)."""
    language = (language or get_language() or "en").split("-")[0]
    return FORMAT_LOCALES.get(language, "en-US")


def spec_hash(spec: dict[str, Any], locale: Locale) -> str:
    """A stable hash of a spec and its locale: the cache key of its SVG."""
    text = json.dumps(spec, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(f"{locale}\n{text}".encode()).hexdigest()


def vegalite_svg(spec: dict[str, Any], locale: Locale) -> str:
    """The SVG of a spec, straight from vl-convert (not cached)."""
    import vl_convert as vlc  # lazily: it loads a JavaScript engine

    try:
        svg: str = vlc.vegalite_to_svg(spec, format_locale=locale, allowed_base_urls=[])
    except ValueError as error:
        raise ChartError(str(error)) from error
    return svg


def cached_svg(spec: dict[str, Any], locale: Locale) -> tuple[str, str]:
    """The SVG of a spec and its hash, from the cache or freshly rendered."""
    digest = spec_hash(spec, locale)
    key = f"evidence:chart-svg:{digest}"
    svg = cache.get(key)
    if svg is None:
        svg = vegalite_svg(spec, locale)
        cache.set(key, svg, CACHE_SECONDS)
    return svg, digest


def with_text_alternative(svg: str, title: str, description: str, ident: str) -> str:
    """The SVG with a <title> and <desc> that screen readers announce, as an image."""
    opening = SVG_OPENING.search(svg)
    if opening is None:
        raise ChartError("vl-convert returned no <svg> element")
    title_id, desc_id = f"chart-{ident}-title", f"chart-{ident}-desc"
    tag = opening.group(0)[:-1].rstrip("/")
    tag += (f' role="img" aria-labelledby="{title_id} {desc_id}"'
            ' style="max-width:100%;height:auto">')
    inside = (f'<title id="{title_id}">{escape(title)}</title>'
              f'<desc id="{desc_id}">{escape(description)}</desc>')
    return svg[:opening.start()] + tag + inside + svg[opening.end():]


def render_svg(chart: Chart, language: str | None = None) -> str:
    """The chart as SVG text, with its title and text alternative inside."""
    svg, digest = cached_svg(chart.spec, format_locale(language))
    return with_text_alternative(svg, chart.title, chart.summary, digest[:12])
