"""The page that exports case data encrypted: ``/protection/exports/``.

The form asks for the filters, the purpose and a password (twice). A good request builds
the ZIP, keeps it (encrypted) under ``MEDIA_ROOT/protection/exports/`` for this session
only and shows what it holds (cases, persons, persons left out) with a download link; the
file is removed once downloaded. The password is never stored or logged.
"""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from crossroads.core.audit import audit_denied
from crossroads.protection import exports
from crossroads.protection.choices import CaseStatus, CaseType
from crossroads.protection.models import Case

FOLDER = exports.FOLDER
SESSION_KEY = "protection_export"


class ExportForm(forms.Form):
    """Filters, purpose and the password of an export."""

    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False,
                               choices=[("", "—"), *CaseStatus.choices])
    case_type = forms.ChoiceField(label=gettext_lazy("Case type"), required=False,
                                  choices=[("", "—"), *CaseType.choices])
    opened_from = forms.DateField(label=gettext_lazy("Opened from"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}))
    opened_to = forms.DateField(label=gettext_lazy("Opened until"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))
    sharing = forms.ChoiceField(label=gettext_lazy("Purpose"), widget=forms.RadioSelect,
                                choices=exports.Sharing.choices,
                                initial=exports.Sharing.WITHIN)
    leave_out = forms.BooleanField(
        label=gettext_lazy("Leave out persons without consent"), required=False,
        help_text=gettext_lazy("When sharing outside: export without the persons who have "
                               "not consented to data sharing for statistics."))
    password = forms.CharField(
        label=gettext_lazy("Password"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=gettext_lazy("At least 12 characters. It is not kept: without it, "
                               "nobody can open the file."))
    confirmation = forms.CharField(label=gettext_lazy("Password again"), strip=False,
                                   widget=forms.PasswordInput(
                                       attrs={"autocomplete": "new-password"}))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        try:
            exports.check_password(data.get("password", ""), data.get("confirmation", ""))
        except ValidationError as error:
            for name, problems in error.message_dict.items():
                self.add_error(name, problems)
        opened_from, opened_to = data.get("opened_from"), data.get("opened_to")
        if opened_from and opened_to and opened_to < opened_from:
            self.add_error("opened_to", _("The end of the period is before its start."))
        return data

    def filters(self) -> exports.ExportFilters:
        data = self.cleaned_data
        return exports.ExportFilters(status=data["status"], case_type=data["case_type"],
                                     opened_from=data["opened_from"],
                                     opened_to=data["opened_to"])


def may_export(user: Any) -> bool:
    """Whether ``user`` may export at least one case."""
    return Case.objects.restrict(user, exports.EXPORT).exists()


@login_required
@never_cache
@sensitive_post_parameters("password", "confirmation")
def export(request: HttpRequest) -> HttpResponse:
    """The export form; the result page with its download link; the download itself."""
    if not may_export(request.user):
        audit_denied(Case, "export")
        raise Http404(_("No such page, or you may not see it."))
    if "download" in request.GET:
        return download(request, request.GET["download"])
    form = ExportForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        return render(request, "protection/export.html", {"form": form})
    try:
        result = exports.export_cases(request.user, form.cleaned_data["password"],
                                      form.filters(), sharing=form.cleaned_data["sharing"],
                                      leave_out=form.cleaned_data["leave_out"])
    except ValidationError as error:
        for name, problems in error.message_dict.items():
            form.add_error(name if name in form.fields else None, problems)
        return render(request, "protection/export.html", {"form": form}, status=400)
    token = keep(request, result)
    return render(request, "protection/export.html", {"form": ExportForm(), "result": result,
                                                      "token": token})


def keep(request: HttpRequest, result: exports.Export) -> str:
    """Keep the encrypted file for this session's download; forget any earlier one."""
    forget(request)
    token = uuid.uuid4().hex
    default_storage.save(f"{FOLDER}/{token}.zip", ContentFile(result.content))
    request.session[SESSION_KEY] = {"token": token, "filename": result.filename}
    return token


def forget(request: HttpRequest) -> None:
    kept = request.session.pop(SESSION_KEY, None)
    if kept:
        default_storage.delete(f"{FOLDER}/{kept['token']}.zip")


def download(request: HttpRequest, token: str) -> HttpResponse:
    """The file this session exported last, once: it is removed from the server."""
    kept = request.session.get(SESSION_KEY)
    path = f"{FOLDER}/{token}.zip"
    if not kept or kept["token"] != token or not default_storage.exists(path):
        raise Http404(_("This export has been downloaded already, or is not yours."))
    with default_storage.open(path, "rb") as stored:
        content = stored.read()
    forget(request)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{kept["filename"]}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
