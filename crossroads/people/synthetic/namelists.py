"""Name pools of the synthetic population, by nationality, in the names' own scripts.

Where Faker (40) has a locale with person names, its lists are used (ru_RU, uk_UA,
ka_GE, hy_AM, az_AZ, tr_TR, ro_RO, uz_UZ, mk_MK). Where it has none, the short lists
below were written for this project by hand from general knowledge of common names
of each country (names are facts: no copyrighted list was copied; no names-dataset).
They are in the public domain like the rest of the generator's data. Israel's list
pairs each Hebrew name with its usual English spelling, because no transliteration
scheme of the project covers Hebrew.

Family names are kept in their masculine form; :func:`feminine` derives the
feminine one by the language's rule, and :func:`patronymic` a patronymic from a
father's given name.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

# Belarusian (Cyrillic, Belarusian orthography)
BE_MALE = ("Аляксандр Сяргей Андрэй Дзмітрый Аляксей Уладзімір Мікалай Павел Віктар Ігар "
           "Юрый Міхаіл Антон Максім Яўген Васіль Іван Пётр Раман Вадзім Генадзь Валянцін "
           "Кірыл Арцём Анатоль Леанід Багдан Францішак Янка Алесь")
BE_FEMALE = ("Алена Вольга Наталля Таццяна Святлана Ірына Марына Юлія Ганна Кацярына "
             "Людміла Алеся Крысціна Настасся Вераніка Галіна Надзея Валянціна Ксенія Ніна "
             "Яўгенія Марыя Лідзія Тамара Зоя Жанна")
BE_FAMILY = ("Іваноў Кавалёў Навіцкі Шаўчэнка Лукашэвіч Макарэвіч Козел Мельнік Багдановіч "
             "Казлоўскі Клімовіч Жук Карповіч Новік Пятровіч Марозаў Бондар Сідарэвіч Кузьміч "
             "Васілеўскі Захарэвіч Ярашэвіч Каваленка Лісоўскі Гурын Якімовіч Бабіч "
             "Шпакоўскі Бурак Станкевіч Дзямідаў Сакалоў Варановіч Радзевіч")
# Kazakh (Cyrillic, Kazakh letters)
KK_MALE = ("Нұрлан Ерлан Асқар Серік Бауыржан Ержан Дәурен Арман Қайрат Мұрат Талғат Ғалым "
           "Әділ Нұрсұлтан Айдос Ерболат Данияр Азамат Бекзат Жандос Рустем Тимур Әлібек "
           "Санжар Мейірхан Ерғали")
KK_FEMALE = ("Айгүл Гүлнара Жанар Әсем Ақмарал Динара Сәуле Айгерім Мөлдір Назерке Жібек "
             "Ләззат Гүлмира Айжан Салтанат Бибігүл Дана Мадина Аружан Томирис Ботагөз Шынар "
             "Құралай")
KK_FAMILY = ("Нұрланов Ахметов Сейітов Жұмабаев Омаров Әбілов Қасымов Тоқаев Исаев "
             "Сүлейменов Байжанов Мұхаметов Оспанов Ермеков Жақсыбеков Ибраев Серікбаев "
             "Нұрпейісов Әлиев Төлегенов Жанұзақов Смағұлов Құдайбергенов Бейсенов Сапаров "
             "Қалиев Мамыров Дүйсенов Тұрсынов")
# Kyrgyz (Cyrillic)
KY_MALE = ("Азамат Бакыт Нурбек Эрлан Талант Улан Алмазбек Бактыбек Мирлан Канат Эрмек "
           "Сооронбай Төлөгөн Үсөн Нурлан Адилет Чыңгыз Бекжан Айбек Марат Данияр Эмил")
KY_FEMALE = ("Айгүл Жылдыз Гүлнара Айпери Нургүл Чолпон Бермет Асель Айзада Мээрим Элмира "
             "Динара Бегимай Айжамал Гүлзат Нуриза Айсулуу Салтанат Каныкей Жаркын")
KY_FAMILY = ("Асанов Усенов Токтогулов Бакиев Жээнбеков Абдыкадыров Сыдыков Мамытов "
             "Турдубаев Осмонов Кадыров Жумабеков Алымкулов Сооронбаев Бейшеналиев Эсенгулов "
             "Маматов Шаршенов Өмүрзаков Үсөнов Токтосунов Исаков Дуйшебаев Момунов")
# Tajik (Cyrillic, Tajik letters)
TG_MALE = ("Фаридун Рустам Ҷамшед Баҳодур Фирӯз Сӯҳроб Шаҳром Далер Умед Парвиз Манучеҳр "
           "Абдулло Илҳом Зафар Қосим Ғафур Исмоил Мирзо Раҳмон Саидҷон Хуршед Бахтиёр "
           "Алишер Комрон")
TG_FEMALE = ("Мадина Зарина Нигина Фарзона Гулноза Дилноза Шаҳло Меҳрубон Парвина Нилуфар "
             "Мижгона Манижа Фотима Гулчеҳра Зебо Сарвиноз Ситора Шабнам Таҳмина Малика "
             "Наргис Муҳаббат")
TG_FAMILY = ("Раҳмонов Саидов Каримов Назаров Шарипов Ҳасанов Қодиров Мирзоев Сафаров "
             "Юсуфов Ғафуров Давлатов Азизов Раҷабов Набиев Одинаев Шарифов Холов Ҷураев "
             "Исмоилов Хайров Собиров Тоиров Умаров Қурбонов Раҳимзода Қурбонзода")
# Turkmen (Latin, 1993 alphabet)
TK_MALE = ("Serdar Döwlet Merdan Batyr Maksat Rüstem Arslan Ata Aýdogdy Begenç Gurbanguly "
           "Myrat Nurmuhammet Ödeş Rahman Sapar Şamyrat Täçmyrat Ýusup Kakajan Guwanç Azat "
           "Dowran Perhat")
TK_FEMALE = ("Aýgül Bahar Aýna Jeren Maral Gülnara Ogulnabat Selbi Şirin Mähri Aýnabat "
             "Gülşat Enejan Ogulbibi Läle Mähriban Nurjahan Owadan Sona Tylla Ýazgül")
TK_FAMILY = ("Berdimuhamedow Nyýazow Orazow Annaýew Atamyradow Saparow Gurbanow "
             "Hojamuhammedow Meredow Durdyýew Rejepow Çaryýew Ataýew Öwezow Babaýew Amanow "
             "Myradow Nurmuhammedow Täçmuhammedow Ýazmyradow Garaýew")
# Serbian and Montenegrin (Cyrillic)
SR_MALE = ("Александар Никола Стефан Марко Лука Милош Душан Небојша Драган Зоран Горан "
           "Дејан Ненад Милан Јован Ђорђе Вук Предраг Слободан Бранко Петар Урош Вељко "
           "Мирослав Жарко Немања Илија")
SR_FEMALE = ("Јелена Милица Марија Ана Ивана Драгана Снежана Јована Тамара Гордана Бојана "
             "Катарина Сања Весна Љиљана Наташа Теодора Сара Невена Биљана Мирјана Данијела "
             "Зорица Јасмина Светлана")
SR_FAMILY = ("Јовановић Петровић Николић Марковић Ђорђевић Стојановић Илић Станковић "
             "Павловић Милошевић Томић Поповић Ђурић Живковић Лазић Костић Радовановић "
             "Митровић Јанковић Стефановић Симић Пантић Вуковић Ђокић Обрадовић Ковачевић "
             "Пешић Бошковић Чолић Ћирић Љубисављевић")
CNR_FAMILY = ("Вујановић Ђукановић Булатовић Радуловић Вучинић Шћепановић Мугоша Бојовић "
              "Перовић Драшковић Вукчевић Ивановић Радоњић Лекић Јокић Дабановић Поповић "
              "Вујовић Мартиновић Шћекић")
# Bosnian (Latin)
BS_MALE = ("Amar Emir Adnan Haris Kenan Edin Mirza Tarik Almir Nermin Senad Jasmin Elvir "
           "Armin Dženan Kemal Samir Alen Faruk Nedim Dino Emin Hamza Muhamed Asim Mehmed "
           "Zlatan Igor Dragan Ivan Marko")
BS_FEMALE = ("Amra Lejla Amina Selma Emina Ajla Merima Naida Adna Lamija Aida Azra Dženana "
             "Sabina Alma Emela Melisa Jasmina Mirela Sanela Belma Maja Ivana Ana Džana Hana "
             "Nejra Šejla")
BS_FAMILY = ("Hodžić Hadžić Čengić Delić Demirović Kovačević Begić Mehmedović Hasanović "
             "Hukić Ibrahimović Omerović Alić Salihović Mujić Husić Šabić Karić Bešić "
             "Kurtović Softić Hadžiahmetović Babić Jukić Marić Jurić Pehlivanović Suljić "
             "Imamović Muratović Smajić Zukić Mešić Osmanović")
# Albanian (Latin), for Albania and Kosovo
SQ_MALE = ("Arben Besnik Dritan Ermal Fatmir Gentian Ilir Klodian Luan Mentor Agron Arjan "
           "Blerim Artan Edmond Erion Fatos Genc Gëzim Kujtim Leutrim Valon Visar Driton Faton "
           "Bekim Albin Ardit Bujar Shpëtim Ylli Altin Petrit Qëndrim")
SQ_FEMALE = ("Anila Blerina Drita Elona Ermira Fatjona Jonida Klea Lindita Mirela Rudina "
             "Valbona Vjosa Arta Besa Donika Fjolla Gresa Shqipe Teuta Vlora Albulena Arbnora "
             "Doruntina Edona Flaka Kaltrina Lule Mimoza Qëndresa Zana Merita Majlinda")
SQ_FAMILY = ("Hoxha Shehu Gashi Krasniqi Berisha Morina Kelmendi Hasani Bytyçi Rexhepi Shala "
             "Thaçi Kastrati Dervishi Leka Çela Mehmeti Hyseni Ahmeti Bajrami Kurti Sadiku "
             "Rama Musliu Lika Zeqiri Hajdari Dibra Prifti Marku Gjoka Topalli Basha Xhafa "
             "Brahimi Kryeziu Veseli Haliti Osmani Salihu")
# Moldovan family names added to Faker's ro_RO list (which has 44)
MO_FAMILY = ("Rusu Ceban Ciobanu Munteanu Lungu Cojocaru Popa Țurcanu Moraru Rotari Sîrbu Guțu "
             "Bivol Cazacu Melnic Botnari Roșca Cebotari Croitoru Ursu Grosu Cucu Railean "
             "Gârbu Bălan Plămădeală Chiriac Negru Ababii Donică Postică")
# Turkish family names added to Faker's tr_TR list (which has 61)
TR_FAMILY = ("Kaya Demir Şahin Çelik Yıldız Öztürk Aydın Özdemir Arslan Doğan Kılıç Aslan "
             "Çetin Kara Koç Kurt Özkan Şimşek Polat Özcan Korkmaz Çakır Erdoğan Yavuz Can "
             "Acar Şen Aktaş Güler Yalçın Güneş Bozkurt Bulut Keskin Ünal Turan Gül Özer Işık "
             "Kaplan Avcı Sarı Tekin Taş Köse Yüksel Ateş Aksoy Uçar Karataş")
# Hebrew with English spelling: "hebrew:english" pairs
HE_MALE = ("דוד:David משה:Moshe יוסף:Yosef אברהם:Avraham יעקב:Yaakov יצחק:Yitzhak "
           "אריאל:Ariel נועם:Noam איתי:Itai עומר:Omer אורי:Uri יונתן:Yonatan דניאל:Daniel "
           "אליהו:Eliyahu שמואל:Shmuel מיכאל:Michael רועי:Roei גיל:Gil עמית:Amit אלון:Alon")
HE_FEMALE = ("שרה:Sarah רחל:Rachel לאה:Leah רבקה:Rivka מיכל:Michal נועה:Noa תמר:Tamar "
             "מאיה:Maya יעל:Yael שירה:Shira אסתר:Esther חנה:Hana אורית:Orit דנה:Dana "
             "טליה:Talia עדי:Adi הילה:Hila ליאת:Liat רונית:Ronit אביגיל:Avigail")
HE_FAMILY = ("כהן:Cohen לוי:Levi מזרחי:Mizrahi פרץ:Peretz ביטון:Biton דהן:Dahan "
             "אברהם:Avraham פרידמן:Friedman אזולאי:Azulay מלכה:Malka כץ:Katz עמר:Amar "
             "אוחיון:Ohayon חדד:Hadad גבאי:Gabay אדרי:Edri לוין:Levin טל:Tal קליין:Klein "
             "חן:Chen שפירא:Shapira שושן:Shoshan רוזנברג:Rosenberg אשכנזי:Ashkenazi "
             "ברגר:Berger גולן:Golan שמעוני:Shimoni אלון:Alon שלום:Shalom נחום:Nahum")


@dataclass(frozen=True)
class Pool:
    """The names of one nationality: given names by sex, family names (masculine forms)."""

    male: tuple[str, ...]
    female: tuple[str, ...]
    family: tuple[str, ...]


def _words(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(text.split()))


def _faker(locale: str, male_family: bool = True) -> tuple[tuple[str, ...], ...]:
    provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
    family = getattr(provider, "last_names_male", None) if male_family else None
    family = family or provider.last_names

    def clean(names: Iterable[str]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(n.strip() for n in names if n.strip()))

    return (clean(provider.first_names_male), clean(provider.first_names_female),
            clean(family))


def _pairs(text: str) -> tuple[str, ...]:
    return tuple(pair.split(":")[0] for pair in text.split())


#: English spellings of the Hebrew names (the only "scheme" for Hebrew here).
HEBREW_ENGLISH: dict[str, str] = dict(
    pair.split(":") for text in (HE_MALE, HE_FEMALE, HE_FAMILY) for pair in text.split())


#: Turkish family names are often compounds (Öz + türk, Kara + kaya): parts to combine.
TR_PREFIXES = "Öz Kara Ak Er Gül Yıl Taş Demir Ay Gün Al Kızıl Ok Bay Çelik Uz Tok Sarı"
TR_SUFFIXES = "türk kaya demir can han soy taş doğan er el tekin dağ oğlu yiğit kan"

#: Family names made from a father's given name, as many of the region's are
#: (Иван → Иванов, Петро → Петренко, Արամ → Արամյան, Marko → Marković, Ion → Ionescu):
#: (ending of the given name, letters cut, suffix), first match wins, per suffix set.
DERIVED: dict[str, tuple[tuple[tuple[str, int, str], ...], ...]] = {
    "ru": ((("ий", 2, "ьев"), ("й", 1, "ев"), ("ь", 1, "ев"), ("а", 1, "ин"), ("я", 1, "ин"),
            ("", 0, "ов")),),
    "uk": ((("о", 1, "енко"), ("а", 1, "енко"), ("й", 1, "енко"), ("", 0, "енко")),
           (("о", 1, "ук"), ("а", 1, "ук"), ("й", 1, "ук"), ("", 0, "ук"))),
    "be": ((("а", 1, "енка"), ("й", 1, "енка"), ("", 0, "енка")),
           (("а", 1, "ук"), ("", 0, "овіч"))),
    "kk": ((("", 0, "ов"),), (("", 0, "баев"),), (("", 0, "беков"),)),
    "ky": ((("", 0, "ов"),), (("", 0, "беков"),)),
    "tg": ((("", 0, "ов"),), (("", 0, "зода"),)),
    "tk": ((("a", 0, "ýew"), ("", 0, "ow")),),
    "sr": ((("о", 1, "овић"), ("а", 1, "ић"), ("", 0, "овић")),
           (("о", 1, "ић"), ("а", 1, "ић"), ("", 0, "ић"))),
    "bs": ((("o", 1, "ović"), ("a", 1, "ić"), ("", 0, "ović")),
           (("o", 1, "ić"), ("a", 1, "ić"), ("", 0, "ić"))),
    "sq": ((("", 0, ""),), (("", 0, "aj"),)),
    "ka": ((("ი", 1, "აშვილი"), ("", 0, "აშვილი")), (("ი", 1, "აძე"), ("", 0, "აძე"))),
    "hy": ((("", 0, "յան"),),),
    "az": ((("a", 0, "yev"), ("e", 0, "yev"), ("i", 0, "yev"), ("ə", 0, "yev"), ("", 0, "ov")),
           (("", 0, "li"),)),
    "uz": ((("a", 0, "yev"), ("o", 0, "yev"), ("i", 0, "yev"), ("", 0, "ov")),),
    "ro": ((("a", 1, "escu"), ("e", 1, "escu"), ("u", 1, "escu"), ("", 0, "escu")),
           (("", 0, "eanu"),)),
}


def derived_family(male: tuple[str, ...], language: str) -> tuple[str, ...]:
    """Family names made from the given names ``male`` by the language's patterns."""
    out = []
    for rules in DERIVED.get(language, ()):
        for name in male:
            if " " in name or "’" in name or "'" in name:
                continue
            for ending, cut, suffix in rules:
                if name.endswith(ending):
                    out.append(name[: len(name) - cut] + suffix)
                    break
    return tuple(out)


@cache
def pool(locale: str) -> Pool:
    """The name pool of a locale key (see :data:`crossroads.people.synthetic.countries`):
    the given names, and the family names of the list with those derived from the
    given names (:func:`derived_family`) so that homonyms are about as rare as in life."""
    base = _base_pool(locale)
    language = {"ro_MD": "ro", "sr_ME": "sr"}.get(locale, locale[:2])
    family = tuple(dict.fromkeys(base.family + derived_family(base.male, language)))
    if locale == "tr_TR":
        family = tuple(dict.fromkeys(family + tuple(
            a + b for a in TR_PREFIXES.split() for b in TR_SUFFIXES.split())))
    return Pool(base.male, base.female, family)


def _base_pool(locale: str) -> Pool:
    if locale in ("ru_RU", "uk_UA", "az_AZ", "uz_UZ", "mk_MK"):
        male, female, family = _faker(locale)
        return Pool(male, female, family)
    if locale in ("ka_GE", "hy_AM"):
        return Pool(*_faker(locale, male_family=False))
    if locale == "tr_TR":
        male, female, family = _faker(locale, male_family=False)
        return Pool(male, female, tuple(dict.fromkeys(family + _words(TR_FAMILY))))
    if locale == "ro_MD":
        male, female, family = _faker("ro_RO", male_family=False)
        return Pool(male, female, tuple(dict.fromkeys(family + _words(MO_FAMILY))))
    own = {
        "be_BY": (BE_MALE, BE_FEMALE, BE_FAMILY), "kk_KZ": (KK_MALE, KK_FEMALE, KK_FAMILY),
        "ky_KG": (KY_MALE, KY_FEMALE, KY_FAMILY), "tg_TJ": (TG_MALE, TG_FEMALE, TG_FAMILY),
        "tk_TM": (TK_MALE, TK_FEMALE, TK_FAMILY), "sr_RS": (SR_MALE, SR_FEMALE, SR_FAMILY),
        "sr_ME": (SR_MALE, SR_FEMALE, CNR_FAMILY), "bs_BA": (BS_MALE, BS_FEMALE, BS_FAMILY),
        "sq_AL": (SQ_MALE, SQ_FEMALE, SQ_FAMILY),
    }
    if locale in own:
        return Pool(*(_words(text) for text in own[locale]))
    if locale == "he_IL":
        return Pool(_pairs(HE_MALE), _pairs(HE_FEMALE), _pairs(HE_FAMILY))
    raise KeyError(locale)


# Feminine family names -------------------------------------------------------------------

#: (masculine ending, feminine ending) by language, longest first.
FEMININE: dict[str, tuple[tuple[str, str], ...]] = {
    "ru": (("ский", "ская"), ("цкий", "цкая"), ("ой", "ая"), ("ов", "ова"), ("ев", "ева"),
           ("ёв", "ёва"), ("ин", "ина"), ("ын", "ына")),
    "uk": (("ський", "ська"), ("цький", "цька"), ("ов", "ова"), ("ев", "ева"), ("єв", "єва"),
           ("ін", "іна"), ("їн", "їна")),
    "be": (("скі", "ская"), ("цкі", "цкая"), ("оў", "ова"), ("еў", "ева"), ("ёў", "ёва"),
           ("аў", "ава"), ("ін", "іна"), ("ын", "ына")),
    "mk": (("ски", "ска"), ("ов", "ова"), ("ев", "ева")),
    "kk": (("ов", "ова"), ("ев", "ева"), ("ин", "ина")),
    "ky": (("ов", "ова"), ("ев", "ева")),
    "tg": (("ов", "ова"), ("ев", "ева")),
    "az": (("yev", "yeva"), ("ov", "ova"), ("ev", "eva"), ("in", "ina")),
    "uz": (("yev", "yeva"), ("ov", "ova"), ("ev", "eva")),
    "tk": (("ow", "owa"), ("ew", "ewa")),
}


def feminine(family: str, language: str) -> str:
    """The feminine form of a (masculine) family name in ``language``; unchanged when the
    language does not inflect family names by sex or the ending is not one that does."""
    for masculine, female in FEMININE.get(language, ()):
        if family.endswith(masculine):
            return family[: -len(masculine)] + female
    return family


# Patronymics ------------------------------------------------------------------------------

IRREGULAR = {
    "ru": {"Павел": ("Павлович", "Павловна"), "Лев": ("Львович", "Львовна"),
           "Пётр": ("Петрович", "Петровна"), "Пётр ": ("Петрович", "Петровна")},
    "uk": {"Микола": ("Миколайович", "Миколаївна"), "Ілля": ("Ілліч", "Іллівна")},
    "be": {"Павел": ("Паўлавіч", "Паўлаўна"), "Пётр": ("Пятровіч", "Пятроўна")},
}
#: (ending of the father's name, letters cut, masculine suffix, feminine suffix); the first
#: match wins. A cut of (m, f) differs by sex (Ukrainian Андрій → Андрійович, Андріївна).
Rule = tuple[str, int | tuple[int, int], str, str]
PATRONYMIC_RULES: dict[str, tuple[Rule, ...]] = {
    "ru": (("ий", 2, "ьевич", "ьевна"), ("ей", 1, "евич", "евна"), ("ай", 1, "аевич", "аевна"),
           ("й", 1, "евич", "евна"), ("ь", 1, "евич", "евна"), ("а", 1, "ич", "ична"),
           ("я", 1, "ич", "ична"), ("ж", 0, "евич", "евна"), ("ш", 0, "евич", "евна"),
           ("ч", 0, "евич", "евна"), ("щ", 0, "евич", "евна"), ("ц", 0, "евич", "евна"),
           ("", 0, "ович", "овна")),
    "uk": (("й", (0, 1), "ович", "ївна"), ("о", 1, "ович", "івна"), ("а", 1, "ич", "івна"),
           ("я", 1, "ич", "івна"), ("ь", 1, "ьович", "івна"), ("", 0, "ович", "івна")),
    "be": (("ый", 2, "ьевіч", "ьеўна"), ("ій", 2, "ьевіч", "ьеўна"), ("й", 1, "евіч", "еўна"),
           ("ь", 1, "евіч", "еўна"), ("а", 1, "іч", "ічна"), ("", 0, "авіч", "аўна")),
    "latin": (("iy", 2, "iyevich", "iyevna"), ("y", 1, "yevich", "yevna"),
              ("a", 1, "ovich", "ovna"), ("o", 1, "ovich", "ovna"), ("", 0, "ovich", "ovna")),
}


@cache
def patronymic(father: str, language: str, female: bool) -> str:
    """A patronymic made from the father's given name, by the language's rule (Russian
    rules for the Central Asian languages written in Cyrillic, a Russian-style Latin
    suffix for Uzbek)."""
    rules_key = language if language in ("uk", "be") else ("latin" if language == "uz" else "ru")
    irregular = IRREGULAR.get(rules_key, {}).get(father)
    if irregular:
        return irregular[1 if female else 0]
    for ending, cut, male_suffix, female_suffix in PATRONYMIC_RULES[rules_key]:
        if father.endswith(ending):
            cuts = cut if isinstance(cut, tuple) else (cut, cut)
            letters = cuts[1] if female else cuts[0]
            stem = father[: len(father) - letters]
            return stem + (female_suffix if female else male_suffix)
    return father  # pragma: no cover - the last rule always matches
