"""The transliteration schemes people's documents actually carry.

``SCHEMES`` maps a code (stored in :attr:`PersonName.scheme`) to a :class:`Scheme`:
its name, the languages whose script it romanises, a one-line citation of the
official source, and the function that applies it. :func:`transliterate` applies one.

Russian schemes come from the ``iuliia`` package; ICAO Doc 9303 from
:mod:`crossroads.people.names.icao`; the others from the tables of
:mod:`crossroads.people.names.tables`, written from the sources cited there.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import iuliia
from django.utils.translation import gettext_lazy as _

from crossroads.people.names import tables
from crossroads.people.names.icao import icao_fold, to_icao

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise


@dataclass(frozen=True)
class Scheme:
    code: str
    name: str | _StrPromise
    #: ISO 639-1 codes of the languages (of the source script) it is made for.
    languages: tuple[str, ...]
    #: The official source, in one line.
    source: str
    apply: Callable[[str], str]
    #: The script it reads ("Cyrl", "Geor", "Armn"; "Latn" for a folding of Latin).
    script: str = "Cyrl"


_WORD = re.compile(r"\w+", re.UNICODE)


def _iuliia(schema: iuliia.Schema, fix: Callable[[str], str] | None = None
            ) -> Callable[[str], str]:
    """An iuliia schema made case-safe: iuliia renders ЮЛИЯ as "IuLIIa", so words in
    capitals are transliterated in lower case and raised again."""

    def word(match: re.Match[str]) -> str:
        text = match.group()
        if len(text) > 1 and text.isupper():
            return schema.translate(text.lower()).upper()
        return schema.translate(text)

    def apply(text: str) -> str:
        out = _WORD.sub(word, unicodedata.normalize("NFC", text))
        return fix(out) if fix else out

    return apply


def _bgn_fix(text: str) -> str:
    """iuliia's BGN/PCGN and GOST 7.79 leave Ё as a Cyrillic letter; both write ë."""
    return text.replace("ё", "ë").replace("Ё", "Ë")


def _icao(language: str) -> Callable[[str], str]:
    return lambda text: to_icao(text, language)


def _turkish_icao(text: str) -> str:
    """Turkish documents apply Doc 9303 table A with the single-letter options for
    Ö and Ü (ÖZTÜRK → OZTURK); the rest is the ICAO folding."""
    text = text.replace("Ö", "O").replace("ö", "o").replace("Ü", "U").replace("ü", "u")
    return icao_fold(text)


_ICAO_SOURCE = "ICAO Doc 9303 Part 3 (8th ed., 2021), section 6, table B{column}"

_ALL: list[Scheme] = [
    Scheme("icao", _("ICAO Doc 9303 (general / Russian)"), ("ru",),
           _ICAO_SOURCE.format(column=""), _icao("ru")),
    Scheme("icao_uk", _("ICAO Doc 9303, Ukrainian column"), ("uk",),
           _ICAO_SOURCE.format(column=", Ukrainian column (И → Y)"), _icao("uk")),
    Scheme("icao_be", _("ICAO Doc 9303, Belarusian column (Belarusian passports)"), ("be",),
           _ICAO_SOURCE.format(column=", Belarusian column (Г → H, Ё → IO); the practice of "
                                      "Belarusian passports"), _icao("be")),
    Scheme("icao_bg", _("ICAO Doc 9303, Bulgarian column"), ("bg",),
           _ICAO_SOURCE.format(column=", Bulgarian column (Щ → SHT, Ъ → A)"), _icao("bg")),
    Scheme("icao_sr", _("ICAO Doc 9303, Serbian column"), ("sr",),
           _ICAO_SOURCE.format(column=", Serbian column (the folding of Serbian Latin)"),
           _icao("sr")),
    Scheme("icao_mk", _("ICAO Doc 9303, Macedonian column"), ("mk",),
           _ICAO_SOURCE.format(column=", Macedonian column (Ѓ → GJ, Ќ → KJ, Џ → DJ)"),
           _icao("mk")),
    Scheme("ru_icao_2013", _("Russian passports from 2014 (ICAO 2013)"), ("ru",),
           "FMS of Russia order No. 320 of 15 October 2012 (in force 2014): ICAO Doc 9303; "
           "iuliia schema icao_doc_9303", _iuliia(iuliia.ICAO_DOC_9303)),
    Scheme("ru_gost_52535", _("Russian passports 2010–2013 (GOST R 52535.1-2006)"), ("ru",),
           "GOST R 52535.1-2006, annex A (FMS order No. 26 of 3 February 2010); iuliia "
           "schema gost_52535", _iuliia(iuliia.GOST_52535)),
    Scheme("ru_mvd_310", _("Russian passports before 2010 (MVD order 310, 1997)"), ("ru",),
           "MVD of Russia order No. 310 of 26 May 1997; iuliia schema mvd_310",
           _iuliia(iuliia.MVD_310)),
    Scheme("ru_mvd_310_fr", _("Russian passports, French column (MVD order 310, 1997)"),
           ("ru",), "MVD of Russia order No. 310 of 26 May 1997, French column; iuliia "
                    "schema mvd_310_fr", _iuliia(iuliia.MVD_310_FR)),
    Scheme("ru_mvd_782", _("Russian documents, MVD order 782"), ("ru",),
           "MVD of Russia order No. 782 (as encoded by iuliia, schema mvd_782: й → y, "
           "ё → yo, ь → ')", _iuliia(iuliia.MVD_782)),
    Scheme("ru_bgn_pcgn", _("BGN/PCGN (1947) Russian"), ("ru",),
           "BGN/PCGN romanization of Russian (1947); iuliia schema bgn_pcgn",
           _iuliia(iuliia.BGN_PCGN, _bgn_fix)),
    Scheme("ru_gost_779", _("GOST 7.79-2000 system A (ISO 9:1995)"), ("ru",),
           "GOST 7.79-2000 system A = ISO 9:1995; iuliia schema gost_779",
           _iuliia(iuliia.GOST_779, _bgn_fix)),
    Scheme("ru_wikipedia", _("Wikipedia (popular English) Russian"), ("ru",),
           "English Wikipedia romanization of Russian (modified BGN/PCGN); iuliia schema "
           "wikipedia", _iuliia(iuliia.WIKIPEDIA)),
    Scheme("ru_en_popular", _("English press rendering of Russian names"), ("ru",),
           "Popular English rendering (simplified BGN/PCGN: Yuri, Alexei, Sergei)",
           tables.RU_EN_POPULAR),
    Scheme("ru_de_duden", _("German (Duden) rendering of Russian names"), ("ru",),
           "Duden, Die deutsche Rechtschreibung: transcription of Russian (Juri, Jelzin, "
           "Chruschtschow)", tables.RU_DE_DUDEN),
    Scheme("ru_fr_popular", _("French rendering of Russian names"), ("ru",),
           "French usual transcription of Russian (Iouri, Poutine, Khrouchtchev)",
           tables.RU_FR_POPULAR),
    Scheme("uk_national_2010", _("Ukrainian national transliteration (2010)"), ("uk",),
           "Cabinet of Ministers of Ukraine resolution No. 55 of 27 January 2010",
           tables.UK_NATIONAL_2010),
    Scheme("be_national_2007", _("Belarusian national Latin (2007)"), ("be",),
           "Instruction on transliteration of Belarusian geographical names, State Property "
           "Committee of Belarus, 2007 (UNGEGN resolution IX/7)", tables.BE_NATIONAL_2007),
    Scheme("ka_national_2002", _("Georgian national romanisation (2002)"), ("ka",),
           "Georgian national system of romanisation, 2002 (with apostrophes of ejectives)",
           tables.KA_NATIONAL_2002, "Geor"),
    Scheme("ka_passport", _("Georgian passports (national 2002, no apostrophes)"), ("ka",),
           "Georgian national romanisation 2002 as printed in passports: apostrophes dropped",
           tables.KA_PASSPORT, "Geor"),
    Scheme("hy_passport", _("Armenian passports (national)"), ("hy",),
           "Transliteration of Armenian passports (Police of Armenia; national system of "
           "the State Committee of Cadastre, 2006)", tables.HY_PASSPORT, "Armn"),
    Scheme("hy_bgn_pcgn", _("BGN/PCGN (1981) Armenian"), ("hy",),
           "BGN/PCGN romanization of Armenian (1981)", tables.HY_BGN_PCGN, "Armn"),
    Scheme("sr_latin", _("Serbian Latin (Gaj)"), ("sr",),
           "Serbian Latin alphabet (gajica); Constitution of Serbia art. 10",
           tables.SR_LATIN),
    Scheme("mk_latin_2008", _("Macedonian official romanisation (2008)"), ("mk",),
           "Government of North Macedonia, romanisation of the Macedonian alphabet, 2008",
           tables.MK_LATIN_2008),
    Scheme("bg_streamlined_2009", _("Bulgarian Streamlined System (2009 law)"), ("bg",),
           "Bulgaria, Transliteration Act, State Gazette No. 19 of 13 March 2009",
           tables.BG_STREAMLINED_2009),
    Scheme("kk_latin_2021", _("Kazakh Latin alphabet (2021)"), ("kk",),
           "Kazakh Latin alphabet approved by the Government of Kazakhstan, 28 January 2021",
           tables.KK_LATIN_2021),
    Scheme("uz_latin_1995", _("Uzbek Latin alphabet (1995)"), ("uz",),
           "Uzbekistan, law on the Latin-based Uzbek alphabet (1993), amended 6 May 1995",
           tables.UZ_LATIN_1995),
    Scheme("tk_latin_1999", _("Turkmen Latin alphabet (1993/1999)"), ("tk",),
           "Turkmenistan, Latin alphabet of Turkmen, decree of 1993 as revised 1999–2000",
           tables.TK_LATIN_1999),
    Scheme("az_latin_1991", _("Azerbaijani Latin alphabet (1991)"), ("az",),
           "Azerbaijan, law on the Azerbaijani Latin alphabet of 25 December 1991 "
           "(revised 1992), from Azerbaijani Cyrillic", tables.AZ_LATIN_1991),
    Scheme("tr_icao", _("Turkish (ICAO folding of Turkish Latin)"), ("tr",),
           "ICAO Doc 9303 Part 3 section 6 table A as Turkish documents apply it "
           "(Ç→C, Ğ→G, İ/I→I, Ö→O, Ş→S, Ü→U)", _turkish_icao, "Latn"),
]

SCHEMES: dict[str, Scheme] = {s.code: s for s in _ALL}


def transliterate(text: str, scheme: str) -> str:
    """``text`` rendered by the scheme ``scheme`` (a code of :data:`SCHEMES`). Letters
    the scheme does not cover (another script, say) are left as they are."""
    try:
        found = SCHEMES[scheme]
    except KeyError:
        raise ValueError(f"Unknown transliteration scheme {scheme!r}; known: "
                         f"{', '.join(sorted(SCHEMES))}.") from None
    return found.apply(unicodedata.normalize("NFC", text or ""))


def schemes_for(language: str) -> list[str]:
    """The codes of the schemes made for a language (ISO 639-1), ICAO first."""
    return [s.code for s in _ALL if language[:2].lower() in s.languages]
