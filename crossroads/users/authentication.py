"""API token authentication: ``Authorization: Token <key>`` (or ``Bearer <key>``)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from crossroads.users.models import Token, hash_token

LAST_USED_RESOLUTION = timedelta(minutes=1)


class TokenAuthentication(authentication.BaseAuthentication):
    """Authenticate API requests by a token whose digest is stored."""

    keywords = ("token", "bearer")

    def authenticate(self, request: Request) -> tuple[Any, Token] | None:
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].decode(errors="replace").lower() not in self.keywords:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Malformed Authorization header."))
        key = parts[1].decode(errors="replace")
        token = Token.objects.select_related("user").filter(digest=hash_token(key)).first()
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if token.is_expired:
            raise exceptions.AuthenticationFailed(_("Token expired."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive."))
        self.touch(token)
        return token.user, token

    def touch(self, token: Token) -> None:
        """Record use, at most once a minute per token."""
        now = timezone.now()
        if token.last_used is None or now - token.last_used > LAST_USED_RESOLUTION:
            Token.objects.filter(pk=token.pk).update(last_used=now)

    def authenticate_header(self, request: Request) -> str:
        return "Token"
