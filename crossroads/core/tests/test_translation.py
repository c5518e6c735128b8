"""The Russian catalogue: complete, compiled, in step with the code, and used by the pages.

The catalogue is crossroads/locale/ru/LC_MESSAGES/django.po, with its compiled
django.mo committed beside it (a machine without gettext still serves Russian).
After changing a translatable string, run from crossroads/::

    django-admin makemessages -l ru --ignore="*/tests/*" --no-obsolete
    (translate the new entries)
    django-admin compilemessages -l ru
"""

from __future__ import annotations

import ast
import gettext
import io
import re
import tokenize
from dataclasses import dataclass, field
from pathlib import Path

import django
import pytest
from django.test import Client
from django.urls import reverse
from django.utils.translation.template import templatize

from crossroads.settings import PACKAGE_DIR
from crossroads.users.models import User

LOCALE_DIR = PACKAGE_DIR / "locale" / "ru" / "LC_MESSAGES"
PO_FILE = LOCALE_DIR / "django.po"
MO_FILE = LOCALE_DIR / "django.mo"
DJANGO_RU_PO = Path(django.__file__).parent / "conf" / "locale" / "ru" / "LC_MESSAGES" / "django.po"

#: Names under which django.utils.translation's functions mark strings.
MARKERS = {
    "gettext": ("msgid",), "gettext_lazy": ("msgid",), "gettext_noop": ("msgid",),
    "ngettext": ("msgid", "msgid_plural"), "ngettext_lazy": ("msgid", "msgid_plural"),
    "pgettext": ("msgctxt", "msgid"), "pgettext_lazy": ("msgctxt", "msgid"),
    "npgettext": ("msgctxt", "msgid", "msgid_plural"),
    "npgettext_lazy": ("msgctxt", "msgid", "msgid_plural"),
}
PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?[-#0 +]*\d*(?:\.\d+)?[sdirfxXeEgGc]")

Key = tuple[str, str, str]  # (msgctxt, msgid, msgid_plural)


# --- a minimal reader of .po files -------------------------------------------------------


@dataclass
class Entry:
    msgctxt: str = ""
    msgid: str = ""
    msgid_plural: str = ""
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def key(self) -> Key:
        return (self.msgctxt, self.msgid, self.msgid_plural)


def read_po(path: Path) -> list[Entry]:
    """The entries of a .po file (obsolete ``#~`` entries left out), header first."""
    entries: list[Entry] = []
    entry = Entry()
    started = False
    target: tuple[str, int] | None = None

    def finish() -> None:
        nonlocal entry, started, target
        if started:
            entries.append(entry)
        entry, started, target = Entry(), False, None

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            finish()
        elif line.startswith("#,"):
            if started:
                finish()
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            assert target is not None, f"continuation line without a keyword: {raw!r}"
            append(entry, target, ast.literal_eval(line))
        else:
            keyword, _, value = line.partition(" ")
            match = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
            if keyword in ("msgctxt", "msgid") and started and (
                keyword == "msgctxt" or entry.msgstr
            ):
                finish()
            started = True
            target = ("msgstr", int(match.group(1))) if match else (keyword, 0)
            assert target[0] in ("msgctxt", "msgid", "msgid_plural", "msgstr"), raw
            append(entry, target, ast.literal_eval(value))
    finish()
    return entries


def append(entry: Entry, target: tuple[str, int], text: str) -> None:
    name, index = target
    if name == "msgstr":
        entry.msgstr[index] = entry.msgstr.get(index, "") + text
    else:
        setattr(entry, name, getattr(entry, name) + text)


def header(entries: list[Entry]) -> dict[str, str]:
    head = entries[0]
    assert head.msgid == "", "the catalogue must start with its header"
    lines = head.msgstr[0].splitlines()
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in lines) if k}


def nplurals(plural_forms: str) -> int:
    match = re.search(r"nplurals\s*=\s*(\d+)", plural_forms)
    assert match, plural_forms
    return int(match.group(1))


@pytest.fixture(scope="module")
def catalogue() -> list[Entry]:
    return read_po(PO_FILE)


# --- (a) the catalogue is complete -------------------------------------------------------


def test_the_header_is_russian_with_djangos_plural_forms(catalogue: list[Entry]) -> None:
    ours = header(catalogue)
    djangos = header(read_po(DJANGO_RU_PO))
    assert ours["Language"] == "ru"
    assert ours["Content-Type"] == "text/plain; charset=UTF-8"
    assert ours["Plural-Forms"] == djangos["Plural-Forms"]
    assert "fuzzy" not in catalogue[0].flags


def test_every_entry_is_translated_and_none_is_fuzzy(catalogue: list[Entry]) -> None:
    forms = nplurals(header(catalogue)["Plural-Forms"])
    entries = catalogue[1:]
    assert len(entries) > 250, "the catalogue looks truncated"
    fuzzy = [e.msgid for e in entries if "fuzzy" in e.flags]
    assert not fuzzy, f"fuzzy entries: {fuzzy}"
    untranslated = [
        e.msgid for e in entries
        if not e.msgstr or any(not text.strip() for text in e.msgstr.values())
    ]
    assert not untranslated, f"untranslated entries: {untranslated}"
    wrong_forms = [
        e.msgid for e in entries
        if sorted(e.msgstr) != (list(range(forms)) if e.msgid_plural else [0])
    ]
    assert not wrong_forms, f"entries without exactly {forms} plural forms: {wrong_forms}"
    keys = [e.key for e in entries]
    assert len(keys) == len(set(keys)), "duplicate entries"


def test_translations_keep_every_placeholder(catalogue: list[Entry]) -> None:
    broken = []
    for entry in catalogue[1:]:
        wanted = sorted(PLACEHOLDER.findall(entry.msgid_plural or entry.msgid))
        for text in entry.msgstr.values():
            if sorted(PLACEHOLDER.findall(text)) != wanted:
                broken.append((entry.msgid, text))
    assert not broken, f"placeholders differ from the English: {broken}"


# --- (b) the compiled catalogue matches the source ---------------------------------------


def test_the_compiled_catalogue_is_up_to_date(catalogue: list[Entry]) -> None:
    with MO_FILE.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    expected: dict[object, str] = {}
    for entry in catalogue:
        msgid = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if entry.msgid_plural:
            expected.update({(msgid, n): text for n, text in entry.msgstr.items()})
        else:
            expected[msgid] = entry.msgstr[0]
    actual = dict(compiled._catalog)  # type: ignore[attr-defined]
    # msgfmt leaves the POT-Creation-Date out of the compiled header.
    expected_header, actual_header = (
        [line for line in text.splitlines() if not line.startswith("POT-Creation-Date:")]
        for text in (expected.pop(""), actual.pop(""))
    )
    assert actual == expected, (
        "django.mo is out of date: run `django-admin compilemessages -l ru` in crossroads/"
    )
    assert actual_header == expected_header


# --- (c) every marked string is in the catalogue ------------------------------------------


def translation_aliases(tree: ast.Module) -> dict[str, str]:
    """Local names of django.utils.translation's marking functions in one module."""
    aliases = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
            for name in node.names:
                if name.name in MARKERS:
                    aliases[name.asname or name.name] = name.name
    return aliases


def python_strings(path: Path) -> set[Key]:
    """Strings marked in a Python module (calls of gettext & co. with literal arguments)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    aliases = translation_aliases(tree)
    found = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else (
            func.attr if isinstance(func, ast.Attribute) else ""
        )
        marker = aliases.get(name) if isinstance(func, ast.Name) else (
            name if name in MARKERS else None
        )
        if marker is None:
            continue
        roles = MARKERS[marker]
        args = node.args[: len(roles)]
        assert all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args), (
            f"{path}:{node.lineno}: mark literal strings only (gettext cannot find the rest)"
        )
        values = dict(zip(roles, (a.value for a in args), strict=True))  # type: ignore[union-attr]
        found.add((values.get("msgctxt", ""), values["msgid"], values.get("msgid_plural", "")))
    return found


def template_strings(path: Path) -> set[Key]:
    """Strings of {% translate %} / {% blocktranslate %}, read as makemessages reads them."""
    code = templatize(path.read_text(encoding="utf-8"), origin=str(path))
    tokens = [t for t in tokenize.generate_tokens(io.StringIO(code).readline)
              if t.type in (tokenize.NAME, tokenize.STRING, tokenize.OP)]
    found = set()
    for i, token in enumerate(tokens):
        if token.type != tokenize.NAME or token.string not in MARKERS:
            continue
        if i + 1 >= len(tokens) or tokens[i + 1].string != "(":
            continue
        roles = MARKERS[token.string]
        strings = []
        for following in tokens[i + 2:]:
            if following.type == tokenize.STRING:
                strings.append(ast.literal_eval(following.string))
            elif following.string != ",":
                break
        values = dict(zip(roles, strings[: len(roles)], strict=True))
        found.add((values.get("msgctxt", ""), values["msgid"], values.get("msgid_plural", "")))
    return found


def source_strings() -> dict[Key, list[str]]:
    """Every marked string of the package's templates and Python (tests left out)."""
    found: dict[Key, list[str]] = {}
    for path in sorted(PACKAGE_DIR.rglob("*")):
        relative = path.relative_to(PACKAGE_DIR)
        if "tests" in relative.parts or "__pycache__" in relative.parts:
            continue
        if path.suffix == ".py":
            keys = python_strings(path)
        elif path.suffix in (".html", ".txt") and "templates" in relative.parts:
            keys = template_strings(path)
        else:
            continue
        for key in keys:
            found.setdefault(key, []).append(str(relative))
    return found


def test_the_scan_finds_strings_of_both_templates_and_python() -> None:
    found = source_strings()
    assert ("", "Log out", "") in found
    assert ("", "%(counter)s record", "%(counter)s records") in found
    assert ("", "Welcome, %(name)s", "") in found
    assert ("", "Ethical recruitment", "") in found
    assert ("", "Cannot delete %(object)s: other records use it (%(blockers)s).", "") in found


def test_every_marked_string_is_in_the_catalogue(catalogue: list[Entry]) -> None:
    known = {entry.key for entry in catalogue[1:]}
    missing = {key: where for key, where in source_strings().items() if key not in known}
    assert not missing, (
        "strings missing from django.po (run makemessages, translate, compilemessages): "
        + "; ".join(f"{key[1]!r} in {', '.join(where)}" for key, where in missing.items())
    )


# --- (d) the pages speak Russian ------------------------------------------------------------


@pytest.fixture()
def russian_client(db: None) -> Client:
    """A logged-in superuser's browser that chose Russian with the language switch."""
    user = User.objects.create_superuser("admin", "admin@example.org", "a-long-test-password-42")
    client = Client()
    client.force_login(user)
    response = client.post("/i18n/setlang/", {"language": "ru", "next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    return client


def test_the_home_page_is_in_russian_after_switching(russian_client: Client) -> None:
    page = russian_client.get("/").content.decode()
    assert '<html lang="ru">' in page
    for russian in (
        "Выйти", "Главная", "Направления работы", "Ваши последние задачи",
        "Миграционная политика и законодательство", "Помощь мигрантам и их защита",
        "Иммиграция и управление границами", "Справочные данные", "Администрирование",
        "Страны и территории", "Журнал изменений", "Пока не реализовано. Запланировано:",
        "Денежные переводы",
    ):
        assert russian in page, russian
    for english in ("Log out", "Areas of work", "Migration policy and legislation",
                    "Reference data", "Not built yet"):
        assert english not in page, english


def test_the_countries_list_has_russian_column_headers(russian_client: Client) -> None:
    from crossroads.reference.models import Country

    Country.objects.create(iso3="MDA", iso2="MD", numeric="498", name="Moldova",
                           name_ru="Молдова", official_name="Republic of Moldova")
    response = russian_client.get(reverse("reference:country_list"))
    assert response.status_code == 200
    page = response.content.decode()
    headers = [re.sub(r"<[^>]+>", "", cell).strip()
               for cell in re.findall(r"<th\b[^>]*>(.*?)</th>", page, flags=re.S)]
    for russian in ("Название", "Название на русском языке", "Код ISO (3 буквы)",
                    "Код ISO (2 буквы)", "Цифровой код ISO", "Официальное название"):
        assert russian in headers, (russian, headers)
    assert "Страны и территории" in page
    assert "Молдова" in page
    for english in ("Name", "Official name", "ISO alpha-3"):
        assert english not in headers, english
