"""Who is acting, and from where: the request context for stamps, change log and audit.

Web requests set it in middleware; the CLI and the job runner set it with
:func:`acting_as`, so a change made from the command line is attributed too.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Actor:
    """The user behind the current unit of work and where it came from.

    For a web request the user is read from the request each time, because API
    token users are only authenticated inside the view, after middleware ran.
    """

    acting_user: Any = None
    address: str = ""
    channel: str = "web"  # web, api, cli, job
    path: str = ""
    request: Any = None
    request_id: uuid.UUID = field(default_factory=uuid.uuid4)

    @property
    def user(self) -> Any:
        """The acting user (possibly anonymous)."""
        if self.request is not None:
            return getattr(self.request, "user", None)
        return self.acting_user

    @property
    def authenticated_user(self) -> Any:
        """The user if authenticated, else None (for foreign keys)."""
        if self.user is not None and getattr(self.user, "is_authenticated", False):
            return self.user
        return None


_current: ContextVar[Actor | None] = ContextVar("crossroads_actor", default=None)


def current_actor() -> Actor:
    """The actor of the current unit of work (an anonymous system actor if none)."""
    return _current.get() or Actor(channel="system")


@contextmanager
def acting_as(
    user: Any = None, *, channel: str, address: str = "", path: str = "", request: Any = None
) -> Iterator[Actor]:
    """Run a block of work as ``user`` (or a request's user); stamps, log and audit name them."""
    actor = Actor(acting_user=user, address=address, channel=channel, path=path, request=request)
    token = _current.set(actor)
    try:
        yield actor
    finally:
        _current.reset(token)
