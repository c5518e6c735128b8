"""A YAML document read for loading: its data plus the line of every value in it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from crossroads.reference.loaders.errors import Problem, ReferenceDataError

Key = str | int


@dataclass(frozen=True)
class YamlSource:
    """The parsed data of a YAML file and its node tree, to find lines by path."""

    file: str
    data: Any
    root: yaml.Node | None

    @classmethod
    def read(cls, path: Path) -> YamlSource:
        """Parse a YAML file; raises :class:`ReferenceDataError` with the error's line."""
        file = str(path)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError as error:
            raise ReferenceDataError([Problem(file, None, "file not found")]) from error
        except UnicodeDecodeError as error:
            raise ReferenceDataError([Problem(file, None, f"not UTF-8: {error}")]) from error
        try:
            root = yaml.compose(text, Loader=yaml.SafeLoader)
            data = yaml.safe_load(text)
        except yaml.MarkedYAMLError as error:
            raise ReferenceDataError([yaml_problem(file, error)]) from error
        except yaml.YAMLError as error:
            raise ReferenceDataError([Problem(file, None, f"invalid YAML: {error}")]) from error
        return cls(file, data, root)

    def node(self, *keys: Key) -> yaml.Node | None:
        """The deepest node found along a path of mapping keys and sequence indexes."""
        node = self.root
        for key in keys:
            child = _child(node, key)
            if child is None:
                break
            node = child
        return node

    def line(self, *keys: Key) -> int | None:
        """The 1-based line of the value at a path (or of its nearest ancestor)."""
        node = self.node(*keys)
        return node.start_mark.line + 1 if node is not None else None

    def problem(self, message: str, *keys: Key) -> Problem:
        """A problem located at the value a path leads to."""
        return Problem(self.file, self.line(*keys), message)


def _child(node: yaml.Node | None, key: Key) -> yaml.Node | None:
    """The value node under a mapping key or at a sequence index."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == str(key):
                return value_node
    elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        return node.value[key]
    return None


def yaml_problem(file: str, error: yaml.MarkedYAMLError) -> Problem:
    """A problem from a YAML syntax error, at the line of its mark."""
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark is not None else None
    message = " ".join(part for part in (error.context, error.problem) if part)
    return Problem(file, line, f"invalid YAML: {message or error}")
