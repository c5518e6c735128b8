"""The framework page and the administrative-area import page."""

from __future__ import annotations

import uuid
from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from crossroads.core import jobs
from crossroads.core.permissions import ADD, VIEW, can
from crossroads.reference.models import (
    AdminArea,
    OperationalPrinciple,
    StrategicFramework,
    StrategicObjective,
    ThematicArea,
)

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def framework_page(request: HttpRequest) -> HttpResponse:
    """The strategic framework: goal, objectives, areas with their objectives and activities."""
    user = request.user
    framework = StrategicFramework.objects.restrict(user, VIEW).select_related("region").first()
    context: dict[str, object] = {"framework": framework}
    if framework is not None:
        context |= {
            "strategic_objectives": StrategicObjective.objects.restrict(user, VIEW)
            .filter(framework=framework),
            "areas": ThematicArea.objects.restrict(user, VIEW).filter(framework=framework)
            .prefetch_related("objectives__activities"),
            "principles": OperationalPrinciple.objects.restrict(user, VIEW)
            .filter(framework=framework),
        }
    return render(request, "reference/framework.html", context)


class AdminAreaUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy(
            "Columns: country_iso3, pcode, name, name_local, name_ru, level, parent_pcode."
        ),
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError(_("Upload a .csv file."))
        return upload


def import_admin_areas(request: HttpRequest) -> HttpResponse:
    """Upload a CSV of administrative areas; the import runs as a job."""
    if not can(request.user, AdminArea, ADD):
        raise PermissionDenied
    form = AdminAreaUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        target = Path(settings.MEDIA_ROOT) / "imports" / f"{uuid.uuid4()}.csv"
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as out:
            for chunk in form.cleaned_data["file"].chunks():
                out.write(chunk)
        job = jobs.enqueue(
            "reference.import_uploaded_admin_areas", request.user, path=str(target)
        )
        return redirect(job.get_absolute_url())
    return render(request, "reference/import_admin_areas.html", {"form": form})
