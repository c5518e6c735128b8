"""Middleware: the request context, and login required everywhere but a few paths."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from crossroads.core.context import acting_as

# Paths a visitor may reach without logging in. The API answers 401/403 itself; the
# public repository of migration profiles (/published/) reads through restrict() too.
PUBLIC_PREFIXES = ("/login/", "/static/", "/i18n/", "/api/", "/healthz", "/published/")


def client_address(request: HttpRequest) -> str:
    """The client's address, as the change log, the audit log and login limits see it.

    Behind a trusted reverse proxy (``TRUSTED_PROXY_COUNT`` > 0) it is the address the
    proxy appended to X-Forwarded-For; hops further left were written by the client
    and could be forged.
    """
    proxies = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0))
    forwarded = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
                 if hop.strip()]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return str(request.META.get("REMOTE_ADDR", ""))


class RequestContextMiddleware:
    """Bind the acting user and their address for the duration of the request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        channel = "api" if request.path.startswith("/api/") else "web"
        with acting_as(
            channel=channel, address=client_address(request), path=request.path, request=request
        ):
            return self.get_response(request)


class LoginRequiredMiddleware:
    """Send anonymous visitors of any page (not the API) to the login page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated or request.path.startswith(PUBLIC_PREFIXES):
            return self.get_response(request)
        return redirect(f"{reverse('login')}?next={request.path}")
