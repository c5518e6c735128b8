"""Build crossroads/reference/data/countries.csv from pycountry (Debian iso-codes, ISO 3166-1).

English names: the readable common name where iso-codes has one ("Moldova"), else the
ISO short name. Russian names come from iso-codes' Russian gettext catalogue, translating
the same English name; an untranslated name is left empty. Kosovo (XKX) is not in
ISO 3166-1 and is added by hand with its user-assigned code.

Run: ``.venv/bin/python scripts/build_countries_csv.py [output.csv]``
"""

from __future__ import annotations

import csv
import gettext
import sys
from pathlib import Path
from typing import Any

import pycountry

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "crossroads" / "reference" / "data" / "countries.csv"
COLUMNS = ["iso3", "iso2", "numeric", "name", "official_name", "name_ru", "note"]

KOSOVO = {
    "iso3": "XKX",
    "iso2": "XK",
    "numeric": "",
    "name": "Kosovo",
    "official_name": "",
    "name_ru": "Косово",
    "note": (
        "Code XKX is user-assigned (as used by the World Bank and the EU); references to "
        "Kosovo are in the context of UN Security Council resolution 1244 (1999)."
    ),
}


def russian_catalogue() -> gettext.NullTranslations:
    """The Russian translations of ISO 3166-1 names shipped with pycountry."""
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"])


def translate(catalogue: gettext.NullTranslations, english: str) -> str:
    """The Russian name for an English one, or empty if iso-codes has no translation."""
    russian = catalogue.gettext(english)
    return "" if russian == english else russian


def country_row(country: Any, catalogue: gettext.NullTranslations) -> dict[str, str]:
    """One CSV row for a pycountry country record."""
    common = getattr(country, "common_name", None)
    name = common or country.name
    name_ru = translate(catalogue, name) or translate(catalogue, country.name)
    return {
        "iso3": country.alpha_3,
        "iso2": country.alpha_2,
        "numeric": country.numeric,
        "name": name,
        "official_name": getattr(country, "official_name", "") or "",
        "name_ru": name_ru,
        "note": "",
    }


def build_rows() -> list[dict[str, str]]:
    """All ISO 3166-1 countries plus Kosovo, sorted by alpha-3 code."""
    catalogue = russian_catalogue()
    rows = [country_row(country, catalogue) for country in pycountry.countries]
    rows.append(KOSOVO)
    return sorted(rows, key=lambda row: row["iso3"])


def write_csv(rows: list[dict[str, str]], output: Path) -> None:
    """Write the rows as UTF-8 CSV with a header line."""
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main(argv: list[str]) -> int:
    """Build the CSV at the given path (or the default) and report what was written."""
    output = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUTPUT
    rows = build_rows()
    write_csv(rows, output)
    missing_ru = [row["iso3"] for row in rows if not row["name_ru"]]
    print(f"Wrote {len(rows)} countries to {output} (pycountry {pycountry_version()}).")
    if missing_ru:
        print(f"No Russian name for: {', '.join(missing_ru)}")
    return 0


def pycountry_version() -> str:
    """The installed pycountry version."""
    from importlib.metadata import version

    return version("pycountry")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
