"""What each app adds to the demo roles: permissions offered to named roles.

``users`` builds the demo organisations, roles and users; domain apps, which sit above
it, offer their own permissions here (in their ``AppConfig.ready``), so that no lower
layer has to know them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class DemoPermission:
    """A permission of the demo: a name, models (as ``app_label.model``), actions."""

    name: str
    models: tuple[str, ...]
    actions: tuple[str, ...]
    constraints: Any = None


PERMISSIONS: dict[str, DemoPermission] = {}
GRANTS: dict[str, list[str]] = defaultdict(list)


def offer(key: str, permission: DemoPermission, roles: Iterable[str]) -> None:
    """Add a permission to the demo and give it to the roles named by slug."""
    PERMISSIONS[key] = permission
    for role in roles:
        if key not in GRANTS[role]:
            GRANTS[role].append(key)
