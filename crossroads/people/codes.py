"""Codes of issuing states and nationalities as travel documents write them.

ISO 3166-1 alpha-3 codes of the reference countries, plus the codes ICAO Doc 9303
Part 3 reserves for documents that are not issued by a state or do not name one.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from crossroads.reference.models import Country

#: ICAO Doc 9303 Part 3 special codes (and Germany's one-letter "D", padded with fillers).
SPECIAL_CODES: dict[str, str] = {
    "XXA": "Stateless person (1954 Convention)",
    "XXB": "Refugee (1951 Convention)",
    "XXC": "Refugee (other than the 1951 Convention)",
    "XXX": "Person of unspecified nationality",
    "UNO": "United Nations Organization",
    "UNA": "Specialized agency of the United Nations",
    "UNK": "Resident of Kosovo (UNMIK travel document)",
    "XBA": "African Development Bank",
    "XIM": "African Export-Import Bank",
    "XCC": "Caribbean Community",
    "XCE": "Council of Europe",
    "XCO": "Common Market for Eastern and Southern Africa",
    "XEC": "Economic Community of West African States",
    "XPO": "International Criminal Police Organization (Interpol)",
    "XES": "Organisation of Eastern Caribbean States",
    "XMP": "Parliamentary Assembly of the Mediterranean",
    "XOM": "Sovereign Military Order of Malta",
    "XDC": "Southern African Development Community",
    "EUE": "European Union",
    "GBD": "British Overseas Territories Citizen",
    "GBN": "British National (Overseas)",
    "GBO": "British Overseas Citizen",
    "GBP": "British Protected Person",
    "GBS": "British Subject",
    "RKS": "Kosovo (as printed on documents of the Republic of Kosovo)",
    "D": "Germany",
}


def check_state_code(code: str) -> str | None:
    """None if ``code`` names a country or an ICAO special code; else the problem."""
    normalised = (code or "").strip().upper().rstrip("<")
    if not normalised:
        return _("The issuing state is required.")
    if normalised in SPECIAL_CODES or Country.objects.filter(iso3=normalised).exists():
        return None
    return _("%(code)s is neither a country code (ISO 3166 alpha-3) nor an ICAO special code.") \
        % {"code": normalised}
