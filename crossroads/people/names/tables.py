"""Transliteration tables the ``iuliia`` package lacks, written from the official
sources cited on each (tables only: the engine is :mod:`crossroads.people.names.rules`).

Each is a :class:`~crossroads.people.names.rules.Rules` whose keys are lower case;
"x=" maps to nothing.
"""

from __future__ import annotations

from crossroads.people.names.rules import Rules

_APOSTROPHES = "'= ’= ʼ="

# Ukraine, Cabinet of Ministers resolution No. 55 of 27 January 2010 "On the regulation
# of transliteration of the Ukrainian alphabet in Latin" (table; є ї й ю я differ at the
# start of a word; зг is zgh to keep it apart from ж; the apostrophe is not rendered).
UK_NATIONAL_2010 = Rules.parse(
    "а=a б=b в=v г=h ґ=g д=d е=e є=ie ж=zh з=z зг=zgh и=y і=i ї=i й=i к=k л=l м=m н=n"
    " о=o п=p р=r с=s т=t у=u ф=f х=kh ц=ts ч=ch ш=sh щ=shch ь= ю=iu я=ia " + _APOSTROPHES,
    initial="є=ye ї=yi й=y ю=yu я=ya",
)

# Belarus, "Instruction on transliteration of geographical names of the Republic of
# Belarus in Latin letters", State Committee on Property, 2007 (adopted by UNGEGN, 2007):
# е ё ю я are je jo ju ja at the start, after vowels, ў, ь and the apostrophe; soft
# з л н с ц (with ь) are ź ĺ ń ś ć.
BE_NATIONAL_2007 = Rules.parse(
    "а=a б=b в=v г=h ґ=g д=d дж=dž дз=dz дзь=dź е=ie ё=io ж=ž з=z зь=ź і=i й=j к=k"
    " л=l ль=ĺ м=m н=n нь=ń о=o п=p р=r с=s сь=ś т=t у=u ў=ŭ ф=f х=ch ц=c ць=ć ч=č"
    " ш=š ы=y ь= э=e ю=iu я=ia " + _APOSTROPHES,
    initial="е=je ё=jo ю=ju я=ja",
    after_vowel="е=je ё=jo ю=ju я=ja",
    after_also="ьў'’ʼ",
)

# Georgia, national system of romanisation (State Department of Geodesy and Cartography
# and the Institute of Linguistics, 2002). Passports print the same letters without the
# apostrophes of the ejectives (k' p' t' q' ts' ch').
_KA = ("ა=a ბ=b გ=g დ=d ე=e ვ=v ზ=z თ=t ი=i კ=k' ლ=l მ=m ნ=n ო=o პ=p' ჟ=zh რ=r ს=s"
       " ტ=t' უ=u ფ=p ქ=k ღ=gh ყ=q' შ=sh ჩ=ch ც=ts ძ=dz წ=ts' ჭ=ch' ხ=kh ჯ=j ჰ=h")
KA_NATIONAL_2002 = Rules.parse(_KA, capitalise=True)
KA_PASSPORT = Rules.parse(_KA.replace("'", ""), capitalise=True)

# Armenia, the transliteration of Armenian passports and identity cards (Police of the
# Republic of Armenia, following the national system of the State Committee of
# Cadastre, 2006): ե is ye and ո is vo at the start of a word, ու is u, և is ev.
HY_PASSPORT = Rules.parse(
    "ա=a բ=b գ=g դ=d ե=e զ=z է=e ը=y թ=t ժ=zh ի=i լ=l խ=kh ծ=ts կ=k հ=h ձ=dz ղ=gh ճ=ch"
    " մ=m յ=y ն=n շ=sh ո=o չ=ch պ=p ջ=j ռ=r ս=s վ=v տ=t ր=r ց=ts ու=u ւ=v փ=p ք=k"
    " օ=o ֆ=f և=ev",
    initial="ե=ye ո=vo և=yev",
    vowels="",
)

# BGN/PCGN romanisation of Armenian (1981): aspirates with a right quote, ռ as rr,
# ye / vo / yev at the start of a word and ye after vowels.
HY_BGN_PCGN = Rules.parse(
    "ա=a բ=b գ=g դ=d ե=e զ=z է=e ը=y թ=t’ ժ=zh ի=i լ=l խ=kh ծ=ts կ=k հ=h ձ=dz ղ=gh"
    " ճ=ch մ=m յ=y ն=n շ=sh ո=o չ=ch’ պ=p ջ=j ռ=rr ս=s վ=v տ=t ր=r ց=ts’ ու=u ւ=v"
    " փ=p’ ք=k’ օ=o ֆ=f և=ev",
    initial="ե=ye ո=vo և=yev",
    after_vowel="ե=ye և=yev",
    vowels="աեէըիոօ",
)

# Serbia, the Latin alphabet of Serbian (gajica), Constitution of Serbia art. 10 and the
# Law on the Official Use of Language and Script: one letter for one letter.
SR_LATIN = Rules.parse(
    "а=a б=b в=v г=g д=d ђ=đ е=e ж=ž з=z и=i ј=j к=k л=l љ=lj м=m н=n њ=nj о=o п=p"
    " р=r с=s т=t ћ=ć у=u ф=f х=h ц=c ч=č џ=dž ш=š")

# North Macedonia, official romanisation adopted by the Government in 2008 (used in
# passports and for geographical names): ASCII digraphs gj kj zh dz dj ch sh.
MK_LATIN_2008 = Rules.parse(
    "а=a б=b в=v г=g д=d ѓ=gj е=e ж=zh з=z ѕ=dz и=i ј=j к=k л=l љ=lj м=m н=n њ=nj"
    " о=o п=p р=r с=s т=t ќ=kj у=u ф=f х=h ц=c ч=ch џ=dj ш=sh")

# Bulgaria, Transliteration Act (State Gazette No. 19 of 13 March 2009), the
# "Streamlined System": щ is sht, ъ is a, and -ия at the end of a word is -ia.
BG_STREAMLINED_2009 = Rules.parse(
    "а=a б=b в=v г=g д=d е=e ж=zh з=z и=i й=y к=k л=l м=m н=n о=o п=p р=r с=s т=t"
    " у=u ф=f х=h ц=ts ч=ch ш=sh щ=sht ъ=a ь=y ю=yu я=ya",
    final="ия=ia")

# Kazakhstan, the Latin alphabet of Kazakh as approved by the Government on 28 January
# 2021 (Ä Ğ Ñ Ö Ş Ū Ü, İ for и and й, I for і, Y for ы); Russian letters of loan
# words (ё ц ч щ ю я) as the accompanying spelling rules write them.
KK_LATIN_2021 = Rules.parse(
    "а=a ә=ä б=b в=v г=g ғ=ğ д=d е=e ё=io ж=j з=z и=i й=i к=k қ=q л=l м=m н=n ң=ñ"
    " о=o ө=ö п=p р=r с=s т=t у=u ұ=ū ү=ü ф=f х=h һ=h ц=ts ч=ç ш=ş щ=şş ъ= ы=y ь="
    " і=ı э=e ю=iu я=ia",
    turkic=True)

# Uzbekistan, Law "On the introduction of the Uzbek alphabet based on the Latin script"
# (1993) as amended on 6 May 1995: oʻ gʻ sh ch, x for х, q for қ; е is ye at the start
# of a word and after vowels, ц is s except after a vowel (ts).
UZ_LATIN_1995 = Rules.parse(
    "а=a б=b в=v г=g д=d е=e ё=yo ж=j з=z и=i й=y к=k л=l м=m н=n о=o п=p р=r с=s т=t"
    " у=u ф=f х=x ц=s ч=ch ш=sh щ=sh ъ=ʼ ь= э=e ю=yu я=ya ў=oʻ қ=q ғ=gʻ ҳ=h",
    initial="е=ye",
    after_vowel="е=ye ц=ts",
    after_also="ьъ",
)

# Turkmenistan, Latin alphabet of Turkmen (Presidential decree of 1993, as revised in
# 1999–2000): w for в, ž for ж, j for җ, ý for й, ň ö ü ä ş ç; initial е is ýe.
TK_LATIN_1999 = Rules.parse(
    "а=a б=b в=w г=g д=d е=e ё=ýo ж=ž җ=j з=z и=i й=ý к=k л=l м=m н=n ң=ň о=o ө=ö п=p"
    " р=r с=s т=t у=u ү=ü ф=f х=h ц=s ч=ç ш=ş щ=şç ъ= ы=y ь= э=e ә=ä ю=ýu я=ýa",
    initial="е=ýe")

# Azerbaijan, Law on the Azerbaijani Latin alphabet (25 December 1991, letter set as
# revised 1992), applied to the Azerbaijani Cyrillic orthography: г is q, ҝ is g,
# ҹ is c, ч is ç, х is x, ы is ı, ј and й are y.
AZ_LATIN_1991 = Rules.parse(
    "а=a б=b ҹ=c ч=ç д=d е=e ә=ə ф=f ҝ=g ғ=ğ һ=h х=x ы=ı и=i ж=j к=k г=q л=l м=m н=n"
    " о=o ө=ö п=p р=r с=s ш=ş т=t у=u ү=ü в=v ј=y й=y з=z ё=yo ю=yu я=ya ц=ts щ=şç"
    " ъ= ь= э=e",
    turkic=True)


def _between_vowels(base: str, double: str, vowels: dict[str, str]) -> str:
    """after_vowel items rendering с before a vowel as ``double`` (ss in German and
    French: Василий → Wassili, Vassili)."""
    return " ".join(f"{base}{v}={double}{t}" for v, t in vowels.items())


# German: the Duden transcription of Russian (Duden, "Die deutsche Rechtschreibung",
# transcription of Russian): w ch z tsch sch schtsch, j for й and the iotated vowels;
# -ий -ый -ой at the end of a word are -i -y -oi; ё after ж ч ш щ is o.
_DE_VOWELS = {"а": "a", "е": "e", "и": "i", "о": "o", "у": "u", "ы": "y", "э": "e",
              "ю": "ju", "я": "ja"}
RU_DE_DUDEN = Rules.parse(
    "а=a б=b в=w г=g д=d е=e ё=jo ж=sch з=s и=i й=j к=k кс=x л=l м=m н=n о=o п=p р=r"
    " с=s т=t у=u ф=f х=ch ц=z ч=tsch ш=sch щ=schtsch ъ= ы=y ь= э=e ю=ju я=ja"
    " жё=scho чё=tscho шё=scho щё=schtscho ьи=ji ье=je ьё=jo ьо=jo",
    initial="е=je ё=jo",
    after_vowel="е=je ё=jo " + _between_vowels("с", "ss", _DE_VOWELS),
    final="ий=i ый=y ой=oi",
    after_also="ъь",
)

# French: the usual French transcription of Russian names (the one of the French press
# and of MVD order 310's French column): ou tch ch chtch j kh, gu before e i y,
# ï after a vowel, ss between vowels, -ine for a final -ин.
_FR_VOWELS = {"а": "a", "и": "i", "о": "o", "у": "ou", "ы": "y", "э": "e", "ю": "iou",
              "я": "ia"}
RU_FR_POPULAR = Rules.parse(
    "а=a б=b в=v г=g д=d е=e ё=io ж=j з=z и=i й=ï к=k кс=x л=l м=m н=n о=o п=p р=r"
    " с=s т=t у=ou ф=f х=kh ц=ts ч=tch ш=ch щ=chtch ъ= ы=y ь= э=e ю=iou я=ia"
    " ге=gue ги=gui гы=guy гэ=gue жё=jo чё=tche шё=che щё=chtche",
    initial="е=ie ю=iou я=ia",
    after_vowel="е=ïe и=ï й=ï " + _between_vowels("с", "ss", _FR_VOWELS),
    final="ин=ine ий=i ый=y",
)

# English: the popular rendering of the English-language press and reference works
# (simplified BGN/PCGN: y for й and ы, ye at the start of a word and after vowels,
# x for кс, -i for -ий, -ia for a final -ия, i for й after a vowel).
RU_EN_POPULAR = Rules.parse(
    "а=a б=b в=v г=g д=d е=e ё=yo ж=zh з=z и=i й=y к=k кс=x л=l м=m н=n о=o п=p р=r"
    " с=s т=t у=u ф=f х=kh ц=ts ч=ch ш=sh щ=shch ъ= ы=y ь= э=e ю=yu я=ya"
    " жё=zhe чё=che шё=she щё=shche",
    initial="е=ye",
    after_vowel="е=ye й=i",
    final="ий=i ый=y ия=ia",
    after_also="ъь",
)
