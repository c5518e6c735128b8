"""Nationalities of the synthetic population and how their documents render names.

Each nationality has a weight (roughly its population, millions, around 2020), the
locale of its name pool, the language and script of its names, whether it uses
patronymics, and the *renderings* that its persons' records come in: the native
script in national registers, the national passport scheme, older documents with
older schemes, the ICAO form and the MRZ, and what foreign registers make of the
names (German, French, English-style). A rendering's weight is how often a record is
of that kind.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rendering:
    """One kind of record: the scheme its names are written in and where it comes from.

    ``scheme`` "" is the native script, "icao" ICAO Doc 9303 (to_icao), "mrz" the
    machine-readable zone (mrz_name, read back into parts), "de", "fr" and "en" what a
    register abroad writes (resolved per language by
    :func:`crossroads.people.synthetic.render.resolve`); any other code is a scheme of
    :mod:`crossroads.people.names.schemes`. ``foreign`` registers do not know the
    language of the name (the record's language is empty).
    """

    scheme: str
    source: str
    weight: float
    foreign: bool = False
    #: Document number printed on the record (passports and MRZ).
    document: bool = False


@dataclass(frozen=True)
class Nationality:
    iso3: str
    weight: float
    locale: str
    language: str
    patronymic: bool
    renderings: tuple[Rendering, ...]


NATIVE = Rendering("", "national register", 3.0)
ICAO = Rendering("icao", "passport", 2.5, document=True)
MRZ = Rendering("mrz", "passport MRZ", 1.5, document=True)
DE = Rendering("de", "German register", 0.8, foreign=True)
FR = Rendering("fr", "French register", 0.5, foreign=True)
EN = Rendering("en", "English-language register", 0.8, foreign=True)
ABROAD = (DE, FR, EN)


def latin_native(source: str = "national register") -> Rendering:
    """The name as written natively in a Latin alphabet (with its diacritics)."""
    return Rendering("", source, 3.0, document=False)


NATIONALITIES: tuple[Nationality, ...] = (
    Nationality("RUS", 144.0, "ru_RU", "ru", True, (
        NATIVE, Rendering("ru_mvd_310", "passport 1997-2010", 1.0, document=True),
        Rendering("ru_gost_52535", "passport 2010-2013", 1.0, document=True),
        Rendering("ru_icao_2013", "passport since 2014", 1.5, document=True),
        Rendering("ru_mvd_782", "residence document", 0.3, document=True),
        MRZ, *ABROAD)),
    Nationality("UKR", 41.0, "uk_UA", "uk", True, (
        NATIVE, Rendering("uk_national_2010", "passport", 2.5, document=True),
        Rendering("icao_uk", "ID card", 0.8, document=True),
        Rendering("ru_mvd_310", "Soviet-era document (Russian form)", 0.4, document=True),
        MRZ, *ABROAD)),
    Nationality("BLR", 9.4, "be_BY", "be", True, (
        NATIVE, Rendering("icao_be", "passport", 2.0, document=True),
        Rendering("be_national_2007", "ID card", 1.0, document=True), MRZ, *ABROAD)),
    Nationality("MDA", 2.6, "ro_MD", "ro", False, (
        latin_native(), ICAO, MRZ, DE, EN)),
    Nationality("GEO", 3.7, "ka_GE", "ka", False, (
        NATIVE, Rendering("ka_passport", "passport", 2.5, document=True),
        Rendering("ka_national_2002", "English-language register", 0.8, foreign=True), MRZ,
        DE)),
    Nationality("ARM", 3.0, "hy_AM", "hy", False, (
        NATIVE, Rendering("hy_passport", "passport", 2.5, document=True),
        Rendering("hy_bgn_pcgn", "English-language register", 1.0, foreign=True), MRZ, DE)),
    Nationality("AZE", 10.1, "az_AZ", "az", False, (latin_native(), ICAO, MRZ, DE, EN)),
    Nationality("KAZ", 18.8, "kk_KZ", "kk", True, (
        NATIVE, ICAO, Rendering("kk_latin_2021", "ID card (2021 Latin alphabet)", 0.8,
                                document=True),
        Rendering("ru_mvd_310", "Soviet-era document", 0.5, document=True), MRZ, DE, EN)),
    Nationality("KGZ", 6.6, "ky_KG", "ky", True, (
        NATIVE, ICAO, MRZ, DE, EN)),
    Nationality("TJK", 9.5, "tg_TJ", "tg", True, (
        NATIVE, ICAO, MRZ, DE, EN)),
    Nationality("UZB", 34.2, "uz_UZ", "uz", True, (latin_native(), ICAO, MRZ, DE, EN)),
    Nationality("TKM", 6.0, "tk_TM", "tk", False, (latin_native(), ICAO, MRZ, DE, EN)),
    Nationality("SRB", 6.9, "sr_RS", "sr", False, (
        NATIVE, Rendering("sr_latin", "passport", 2.5, document=True), MRZ, DE, EN)),
    Nationality("MKD", 2.1, "mk_MK", "mk", False, (
        NATIVE, Rendering("mk_latin_2008", "passport", 2.5, document=True), MRZ, DE, EN)),
    Nationality("BIH", 3.3, "bs_BA", "bs", False, (latin_native(), ICAO, MRZ, DE, EN)),
    Nationality("MNE", 0.6, "sr_ME", "sr", False, (
        NATIVE, Rendering("sr_latin", "passport", 2.5, document=True), MRZ, DE, EN)),
    Nationality("ALB", 2.8, "sq_AL", "sq", False, (latin_native(), ICAO, MRZ, DE, EN)),
    Nationality("XKX", 1.8, "sq_AL", "sq", False, (latin_native(), ICAO, MRZ, DE, EN)),
    Nationality("TUR", 84.0, "tr_TR", "tr", False, (latin_native(), ICAO, MRZ, DE, EN)),
    Nationality("ISR", 9.2, "he_IL", "he", False, (
        Rendering("", "national register", 0.5), Rendering("he_en", "passport", 2.5,
                                                           document=True), MRZ, DE, EN)),
)

BY_CODE = {n.iso3: n for n in NATIONALITIES}
#: Nationalities written natively in Latin letters (their "native" rendering is Latin).
LATIN_NATIVE = {"MDA", "AZE", "UZB", "TKM", "BIH", "ALB", "XKX", "TUR"}
#: The script a nationality's native names are written in (ISO 15924, as choices.Script).
NATIVE_SCRIPT = {n.iso3: ("Latn" if n.iso3 in LATIN_NATIVE else
                          {"ka": "Geor", "hy": "Armn", "he": "Zyyy"}.get(n.language, "Cyrl"))
                 for n in NATIONALITIES}
