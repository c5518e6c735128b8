"""Tests that keep the docs honest: settings, CLI reference, links and file pointers.

docs/cli.md is generated from ``--help``; after changing a command, regenerate it::

    .venv/bin/python -m crossroads.core.tests.test_docs
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import import_module
from pathlib import Path

import pytest

from crossroads import cli
from crossroads.settings import PACKAGE_DIR, SOURCE_ROOT

DOCS = SOURCE_ROOT / "docs"
CONFIGURATION = DOCS / "configuration.md"
CLI_REFERENCE = DOCS / "cli.md"
#: The worked example of docs/adding-a-domain-app.md describes an app that does not exist.
EXAMPLE_PREFIXES = ("crossroads/health/", "crossroads.health")
#: Width of the generated help, so the reference does not depend on the terminal.
HELP_COLUMNS = "100"

pytestmark = pytest.mark.skipif(
    not CLI_REFERENCE.parent.is_dir(), reason="run from a source checkout (docs/ present)"
)

# env("NAME", env_bool("NAME", env_list("NAME", os.environ.get("NAME", os.getenv("NAME",
# os.environ["NAME"]
ENV_READ = re.compile(
    r"""(?:\benv(?:_bool|_list)?\(|\bos\.environ\.get\(|\bos\.getenv\(|\bos\.environ\[)"""
    r"""\s*["']([A-Z][A-Z0-9_]*)["']"""
)
OPTION = re.compile(r"(?<![\w-])(--?[A-Za-z][\w-]*)")
FENCED_BLOCK = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
PATH_POINTER = re.compile(r"`((?:crossroads|docs|scripts)/[\w./-]*\w/?|Makefile|\.ci/run)`")
DOTTED_POINTER = re.compile(r"`(crossroads(?:\.\w+)+)`")
TABLE_VARIABLE = re.compile(r"^\|\s*`([A-Z][A-Z0-9_]*)`", re.MULTILINE)


def doc_pages() -> list[Path]:
    return sorted(DOCS.glob("*.md"))


def prose(path: Path) -> str:
    """A Markdown page without its fenced code blocks."""
    return FENCED_BLOCK.sub("", path.read_text())


def collapse(text: str) -> str:
    """Text with every run of whitespace made one space (help is wrapped to the terminal)."""
    return " ".join(text.split())


# Settings


def source_files() -> list[Path]:
    """The package's modules, tests and migrations left out."""
    return [
        path for path in sorted(PACKAGE_DIR.rglob("*.py"))
        if "tests" not in path.parts and "migrations" not in path.parts
    ]


def environment_variables() -> dict[str, set[str]]:
    """Every environment variable the package reads, with the files that read it."""
    found: dict[str, set[str]] = {}
    for path in source_files():
        for name in ENV_READ.findall(path.read_text()):
            found.setdefault(name, set()).add(str(path.relative_to(SOURCE_ROOT)))
    return found


def test_the_settings_read_environment_variables() -> None:
    names = environment_variables()
    assert {"SECRET_KEY", "DATABASE_URL", "CROSSROADS_ENV", "ALLOWED_HOSTS"} <= names.keys()


def test_every_environment_variable_is_documented() -> None:
    documented = CONFIGURATION.read_text()
    missing = {
        name: sorted(files) for name, files in environment_variables().items()
        if f"`{name}`" not in documented
    }
    assert not missing, f"read by the code but not documented in docs/configuration.md: {missing}"


def test_every_documented_variable_is_read_by_the_code() -> None:
    documented = set(TABLE_VARIABLE.findall(CONFIGURATION.read_text()))
    stale = documented - environment_variables().keys()
    assert not stale, f"docs/configuration.md documents variables nothing reads: {sorted(stale)}"


# The CLI reference


def django_name(command: str) -> str:
    """The Django management command behind a ``crossroads`` command."""
    return command.replace("-", "_")


@contextmanager
def help_width(columns: str = HELP_COLUMNS) -> Iterator[None]:
    """Format argparse help at a fixed width (argparse reads $COLUMNS)."""
    previous = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = columns
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("COLUMNS", None)
        else:
            os.environ["COLUMNS"] = previous


def command_help(command: str) -> str:
    """What ``crossroads COMMAND --help`` prints."""
    from django.core.management import get_commands, load_command_class

    name = django_name(command)
    handler = load_command_class(get_commands()[name], name)
    with help_width():
        return handler.create_parser("crossroads", name).format_help()


def render_cli_reference() -> str:
    """docs/cli.md, made from the help of every Crossroads command."""
    parts = [
        "# CLI reference\n",
        "Generated from `crossroads --help` and `crossroads COMMAND --help`; do not edit by hand.",
        "`crossroads/core/tests/test_docs.py` fails when a command or an option is missing here.",
        "Regenerate after changing a command:\n",
        "```sh\n.venv/bin/python -m crossroads.core.tests.test_docs\n```\n",
        "Commands with a hyphen run the Django management command with an underscore",
        "(`crossroads load-reference` runs `load_reference`), so their usage line shows that "
        "name.\n",
        "## crossroads\n",
        f"```text\n{cli.usage().rstrip()}\n```\n",
    ]
    for command, summary in cli.COMMANDS.items():
        parts += [f"## crossroads {command}\n", f"{summary}\n",
                  f"```text\n{command_help(command).rstrip()}\n```\n"]
    return "\n".join(parts)


def test_the_top_level_help_is_in_the_cli_reference() -> None:
    assert cli.usage().strip() in CLI_REFERENCE.read_text()


@pytest.mark.parametrize("command", list(cli.COMMANDS))
def test_every_command_is_in_the_cli_reference(command: str) -> None:
    assert f"## crossroads {command}\n" in CLI_REFERENCE.read_text(), (
        f"`crossroads {command}` is missing from docs/cli.md: regenerate it "
        "(.venv/bin/python -m crossroads.core.tests.test_docs)"
    )


@pytest.mark.parametrize("command", list(cli.COMMANDS))
def test_every_option_of_every_command_is_in_the_cli_reference(command: str) -> None:
    reference = CLI_REFERENCE.read_text()
    section = reference.split(f"## crossroads {command}\n", 1)[-1].split("\n## ", 1)[0]
    help_text = command_help(command)
    missing = sorted({flag for flag in OPTION.findall(help_text) if flag not in section})
    assert not missing, (
        f"options of `crossroads {command}` missing from docs/cli.md: {missing}; regenerate it "
        "(.venv/bin/python -m crossroads.core.tests.test_docs)"
    )
    from django.core.management import get_commands, load_command_class

    name = django_name(command)
    description = load_command_class(get_commands()[name], name).help
    assert collapse(description) in collapse(section), (
        f"the description of `crossroads {command}` in docs/cli.md is out of date"
    )


def test_the_cli_reference_names_only_existing_commands() -> None:
    documented = set(re.findall(r"^## crossroads (\S+)$", CLI_REFERENCE.read_text(), re.M))
    assert documented <= set(cli.COMMANDS), sorted(documented - set(cli.COMMANDS))


# Links and pointers


def test_there_are_docs_to_check() -> None:
    names = {page.name for page in doc_pages()}
    assert {"README.md", "architecture.md", "configuration.md", "permissions.md",
            "cli.md", "adding-a-domain-app.md"} <= names


def anchors(page: Path) -> set[str]:
    """The anchors of a page's headings, made as GitHub makes them."""
    headings = re.findall(r"^#{1,6} +(.+?) *$", prose(page), re.MULTILINE)
    return {re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-") for heading in headings}


@pytest.mark.parametrize("page", doc_pages(), ids=lambda page: page.name)
def test_every_relative_link_points_to_an_existing_file(page: Path) -> None:
    broken = []
    for target in LINK.findall(prose(page)):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):
            continue  # a URL
        path, _, anchor = target.partition("#")
        linked = (page.parent / path) if path else page
        missing_heading = bool(anchor) and linked.suffix == ".md" and linked.exists() \
            and anchor not in anchors(linked)
        if not linked.exists() or missing_heading:
            broken.append(target)
    assert not broken, f"{page.name} links to missing files or headings: {broken}"


@pytest.mark.parametrize("page", doc_pages(), ids=lambda page: page.name)
def test_every_file_named_in_the_docs_exists(page: Path) -> None:
    text = page.read_text()
    missing = [
        pointer for pointer in PATH_POINTER.findall(text)
        if not pointer.startswith(EXAMPLE_PREFIXES) and not (SOURCE_ROOT / pointer).exists()
    ]
    assert not missing, f"{page.name} names files that do not exist: {missing}"


def resolves(dotted: str) -> bool:
    """Whether ``a.b.c`` is a module, or an attribute of a module (possibly nested)."""
    parts = dotted.split(".")
    for split in range(len(parts), 0, -1):
        try:
            target: object = import_module(".".join(parts[:split]))
        except ImportError:
            continue
        try:
            for attribute in parts[split:]:
                target = getattr(target, attribute)
        except AttributeError:
            return False
        return True
    return False


@pytest.mark.parametrize("page", doc_pages(), ids=lambda page: page.name)
def test_every_python_name_in_the_docs_exists(page: Path) -> None:
    missing = [
        dotted for dotted in DOTTED_POINTER.findall(page.read_text())
        if not dotted.startswith(EXAMPLE_PREFIXES) and not resolves(dotted)
    ]
    assert not missing, f"{page.name} names Python objects that do not exist: {missing}"


if __name__ == "__main__":
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossroads.settings")
    django.setup()
    CLI_REFERENCE.write_text(render_cli_reference())
    print(f"wrote {CLI_REFERENCE}")
