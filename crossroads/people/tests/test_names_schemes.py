"""Each transliteration scheme against examples of its source (no database)."""

from __future__ import annotations

import pytest

from crossroads.people.names.schemes import SCHEMES, schemes_for, transliterate

#: scheme → [(source, expected)], at least two each. Examples of the official source
#: where it gives them (the Ukrainian resolution's table, the Bulgarian act's examples,
#: the Belarusian instruction's place names), well-known documented names otherwise.
EXAMPLES: dict[str, list[tuple[str, str]]] = {
    "icao": [("Юлия Ковальчук", "Iuliia Kovalchuk"), ("Щербаков", "Shcherbakov"),
             ("Подъячев", "Podieiachev")],
    "icao_uk": [("Микола", "Mykola"), ("Юлія Ковальчук", "Iuliia Kovalchuk")],
    "icao_be": [("Міховіч Марыя", "Mikhovich Maryia"), ("Ігар", "Ihar"),
                ("СВЯТЛАНА", "SVIATLANA")],
    "icao_bg": [("Щерев", "Shterev"), ("Събев", "Sabev")],
    "icao_sr": [("Живковић", "Zivkovic"), ("Џаја", "Dzaja")],
    "icao_mk": [("Ѓорѓе", "Gjorgje"), ("Ќосе", "Kjose")],
    "ru_icao_2013": [("Юлия Щеглова", "Iuliia Shcheglova"), ("Андрей Видный", "Andrei Vidnyi"),
                     ("ЮЛИЯ", "IULIIA")],
    "ru_gost_52535": [("Юлия Цой", "Iuliia Tcoi"), ("Андрей", "Andrei")],
    "ru_mvd_310": [("Юлия Ковальчук", "Yuliya Koval'chuk"), ("Алексей", "Aleksey")],
    "ru_mvd_310_fr": [("Юлия Ковальчук", "Iouliia Kovaltchouk"), ("Алексей", "Alexei")],
    "ru_mvd_782": [("Юлия", "Yuliya"), ("Ёлкин", "Yolkin")],
    "ru_bgn_pcgn": [("Юлия", "Yuliya"), ("Ельцин", "Yel’tsin"), ("Ёлкин", "Yëlkin")],
    "ru_gost_779": [("Щербаков", "Ŝerbakov"), ("Юлия", "Ûliâ")],
    "ru_wikipedia": [("Юрий Артём", "Yury Artyom"), ("Ковальчук", "Kovalchuk")],
    "ru_en_popular": [("Алексей", "Alexei"), ("Юрий", "Yuri"), ("Сергей", "Sergei"),
                      ("Юлия", "Yulia"), ("Пётр", "Pyotr"), ("Горбачёв", "Gorbachev")],
    "ru_de_duden": [("Юрий Гагарин", "Juri Gagarin"), ("Никита Хрущёв", "Nikita Chruschtschow"),
                    ("Михаил Горбачёв", "Michail Gorbatschow"), ("Борис Ельцин", "Boris Jelzin"),
                    ("Фёдор Достоевский", "Fjodor Dostojewski"), ("Василий", "Wassili")],
    "ru_fr_popular": [("Юрий", "Iouri"), ("Путин", "Poutine"), ("Михаил", "Mikhaïl"),
                      ("Сергей", "Sergueï"), ("Хрущёв", "Khrouchtchev")],
    # Resolution No. 55 of 27 January 2010, examples of its table.
    "uk_national_2010": [
        ("Згорани", "Zghorany"), ("Розгон", "Rozghon"), ("Юрій", "Yurii"),
        ("Олексій", "Oleksii"), ("Алушта", "Alushta"), ("Борщагівка", "Borshchahivka"),
        ("Вишгород", "Vyshhorod"), ("Гадяч", "Hadiach"), ("Ґалаґан", "Galagan"),
        ("Єнакієве", "Yenakiieve"), ("Гаєвич", "Haievych"), ("Короп'є", "Koropie"),
        ("Житомир", "Zhytomyr"), ("Запоріжжя", "Zaporizhzhia"), ("Їжакевич", "Yizhakevych"),
        ("Кадиївка", "Kadyivka"), ("Мар'їне", "Marine"), ("Йосипівка", "Yosypivka"),
        ("Стрий", "Stryi"), ("Наталія", "Nataliia"), ("Костянтин", "Kostiantyn"),
        ("Знам'янка", "Znamianka"), ("Феодосія", "Feodosiia"), ("Біла Церква", "Bila Tserkva"),
        ("Корюківка", "Koriukivka"), ("Яготин", "Yahotyn"), ("Гоща", "Hoshcha"),
    ],
    "be_national_2007": [("Магілёў", "Mahilioŭ"), ("Віцебск", "Viciebsk"),
                         ("Гродна", "Hrodna"), ("Лагойск", "Lahojsk"),
                         ("Дзяржынск", "Dziaržynsk"), ("Вольга", "Voĺha")],
    "ka_national_2002": [("თბილისი", "Tbilisi"), ("ჭიათურა", "Ch'iatura"),
                         ("მიხეილ სააკაშვილი", "Mikheil Saak'ashvili")],
    "ka_passport": [("მიხეილ სააკაშვილი", "Mikheil Saakashvili"), ("ჭიათურა", "Chiatura")],
    "hy_passport": [("Երևան", "Yerevan"), ("Հովհաննես", "Hovhannes"),
                    ("Ոսկանյան", "Voskanyan"), ("ՀՈՎՀԱՆՆԻՍՅԱՆ", "HOVHANNISYAN")],
    "hy_bgn_pcgn": [("Երևան", "Yerevan"), ("Թումանյան", "T’umanyan"), ("Ռուբեն", "Rruben")],
    "sr_latin": [("Живковић", "Živković"), ("Љубица", "Ljubica"), ("ЉУБИЦА", "LJUBICA"),
                 ("Ђоковић", "Đoković"), ("Џаја", "Džaja")],
    "mk_latin_2008": [("Ѓорѓе Иванов", "Gjorgje Ivanov"), ("Скопје", "Skopje"),
                      ("Кочани", "Kochani"), ("Шеќеринска", "Shekjerinska")],
    # Transliteration Act 2009, examples of its annex.
    "bg_streamlined_2009": [("Самоков", "Samokov"), ("Шипка", "Shipka"),
                            ("Щастливеца", "Shtastlivetsa"), ("Юнаци", "Yunatsi"),
                            ("Ямбол", "Yambol"), ("София", "Sofia"), ("Кърджали", "Kardzhali"),
                            ("Йовковци", "Yovkovtsi"), ("Христо", "Hristo")],
    "kk_latin_2021": [("Қасым-Жомарт Тоқаев", "Qasym-Jomart Toqaev"), ("Нұрсұлтан", "Nūrsūltan"),
                      ("Айгүл", "Aigül"), ("ИЛЬЯС", "İLİAS")],
    "uz_latin_1995": [("Ўзбекистон", "Oʻzbekiston"), ("Тошкент", "Toshkent"),
                      ("Шавкат Мирзиёев", "Shavkat Mirziyoyev"), ("Ғайрат", "Gʻayrat"),
                      ("Хуршида", "Xurshida"), ("Милиция", "Militsiya")],
    "tk_latin_1999": [("Гурбангулы Бердимухамедов", "Gurbanguly Berdimuhamedow"),
                      ("Ашгабат", "Aşgabat"), ("Җумаев", "Jumaew")],
    "az_latin_1991": [("Һејдәр Әлијев", "Heydər Əliyev"), ("Бакы", "Bakı"),
                      ("Гасымов", "Qasımov"), ("Ҹаваншир", "Cavanşir")],
    "tr_icao": [("ÖZTÜRK", "OZTURK"), ("Çağlar", "Caglar"), ("Şükrü", "Sukru"),
                ("Işık", "Isik"), ("İsmail", "Ismail")],
}


def test_every_scheme_has_examples_and_a_source() -> None:
    assert set(EXAMPLES) == set(SCHEMES)
    for code, scheme in SCHEMES.items():
        assert len(EXAMPLES[code]) >= 2, code
        assert scheme.code == code
        assert scheme.source and scheme.languages and str(scheme.name)


@pytest.mark.parametrize(("code", "source", "expected"), [
    (code, source, expected) for code, pairs in EXAMPLES.items() for source, expected in pairs
])
def test_scheme_examples(code: str, source: str, expected: str) -> None:
    assert transliterate(source, code) == expected


def test_initial_position_rules_of_the_ukrainian_resolution() -> None:
    # є ї й ю я at the start of a word only; the apostrophe is not rendered.
    assert transliterate("Юрій Юрченко", "uk_national_2010") == "Yurii Yurchenko"
    assert transliterate("Ярослав Яковенко", "uk_national_2010") == "Yaroslav Yakovenko"
    assert transliterate("Пʼятничук", "uk_national_2010") == "Piatnychuk"


def test_georgian_passports_drop_the_apostrophes_of_the_national_system() -> None:
    for name in ("წიკლაური", "ყიფიანი", "ჭავჭავაძე"):
        national = transliterate(name, "ka_national_2002")
        assert "'" in national
        assert transliterate(name, "ka_passport") == national.replace("'", "")


def test_unknown_scheme_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="Unknown transliteration scheme"):
        transliterate("Юлия", "klingon")


def test_other_scripts_pass_through() -> None:
    assert transliterate("Anna Юлія", "uk_national_2010") == "Anna Yuliia"
    assert transliterate("", "icao") == ""


def test_schemes_for_a_language() -> None:
    assert schemes_for("ru")[0] == "icao"
    assert "uk_national_2010" in schemes_for("uk")
    assert schemes_for("ka") == ["ka_national_2002", "ka_passport"]
