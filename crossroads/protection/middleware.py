"""A change refused because its case is archived or anonymised, shown as a refusal.

The retention guard (``crossroads.protection.retention.refuse_changes``) stops any save on
a retained case, from whatever page or endpoint. Pages that check first show the reason
themselves; for the others this middleware turns the refusal into the same message (and
back to the page the user came from), or into a 400 with the reason for the API.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

from crossroads.protection.retention import CaseReadOnly


class ReadOnlyCaseMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest,
                          exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, CaseReadOnly):
            return None
        if request.path.startswith("/api/"):
            return JsonResponse(exception.message_dict, status=400)
        for reason in exception.messages:
            messages.error(request, reason)
        back = request.META.get("HTTP_REFERER", "")
        safe = url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()},
                                               require_https=request.is_secure())
        return redirect(back if safe and back else "/")
