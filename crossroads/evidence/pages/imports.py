"""The import page: run an importer on its shipped files or on uploaded files, as a job.

Only users who may add observations reach it. Uploaded files are kept under
``MEDIA_ROOT/evidence-imports/<uuid>/`` with their own names (the release records
file names and checksums), together with the mapping written from the form.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.text import get_valid_filename
from django.views.decorators.http import require_POST

from crossroads.core import jobs
from crossroads.core.permissions import ADD, can
from crossroads.evidence.importers import registry
from crossroads.evidence.importers.base import Importer
from crossroads.evidence.importers.generic.templates import TEMPLATE_FILES, TEMPLATES_DIR
from crossroads.evidence.models import Observation, Release
from crossroads.evidence.pages.import_forms import UploadForm, upload_form_class

UPLOAD_DIR = "evidence-imports"
CONTENT_TYPES = {
    ".csv": "text/csv; charset=utf-8",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".yaml": "application/yaml; charset=utf-8",
}


def require_importer(request: HttpRequest) -> None:
    """Only users who may add observations import them."""
    if not can(request.user, Observation, ADD):
        raise PermissionDenied


def importer_or_404(name: str) -> type[Importer]:
    try:
        return registry.get(name)
    except KeyError:
        raise Http404(f"No importer {name!r}.") from None


def last_imports() -> dict[str, Release]:
    """The latest release each importer wrote."""
    latest: dict[str, Release] = {}
    for release in Release.objects.exclude(imported_at=None).order_by("imported_at"):
        latest[release.importer] = release
    return latest


def import_list(request: HttpRequest) -> HttpResponse:
    """Every importer, its shipped files and its last import; the templates to download."""
    require_importer(request)
    latest = last_imports()
    # Sources that ship their files first (in the order "import all" runs them).
    ordered = sorted(registry.importers().items(), key=lambda item: not item[1].files)
    importers = [{"cls": cls, "name": name, "last": latest.get(name)} for name, cls in ordered]
    return render(request, "evidence/imports.html", {
        "importers": importers, "templates": TEMPLATE_FILES,
        "shipped": any(cls.files for cls in registry.importers().values()),
    })


def import_page(request: HttpRequest, name: str) -> HttpResponse:
    """One importer: run it on its shipped files, or upload files for it."""
    require_importer(request)
    cls = importer_or_404(name)
    form_class = upload_form_class(name)
    form = form_class(request.POST or None, request.FILES or None)
    if request.method == "POST" and "shipped" in request.POST:
        if not cls.files:
            raise Http404("This importer has no shipped files.")
        job = jobs.enqueue("evidence.import", request.user, importer=name, paths=None)
        return redirect(job.get_absolute_url())
    if request.method == "POST" and form.is_valid():
        paths = save_uploads(form)
        job = jobs.enqueue("evidence.import", request.user, importer=name, paths=paths)
        return redirect(job.get_absolute_url())
    return render(request, "evidence/imports_run.html", {
        "importer": cls, "name": name, "form": form, "templates": TEMPLATE_FILES,
        "last": last_imports().get(name),
    })


def save_uploads(form: UploadForm) -> list[str]:
    """Store the uploaded files (and the mapping from the form) in a new directory."""
    directory = Path(settings.MEDIA_ROOT) / UPLOAD_DIR / str(uuid.uuid4())
    directory.mkdir(parents=True)
    paths = []
    uploads = list(form.cleaned_data["uploads"])
    if (metadata_upload := form.metadata_upload()) is not None:
        uploads.append(metadata_upload)
    for upload in uploads:
        target = directory / get_valid_filename(Path(upload.name or "upload").name)
        with target.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        paths.append(str(target))
    metadata = form.metadata()
    if metadata is not None:
        target = directory / "mapping.json"
        # Sorted keys: the same answers give the same file, so re-importing changes nothing.
        target.write_text(json.dumps(metadata, indent=2, sort_keys=True, ensure_ascii=False),
                          encoding="utf-8")
        paths.append(str(target))
    return paths


@require_POST
def import_all(request: HttpRequest) -> HttpResponse:
    """Import every shipped source, one after the other, as one job."""
    require_importer(request)
    job = jobs.enqueue("evidence.import_all", request.user)
    return redirect(job.get_absolute_url())


def import_template(request: HttpRequest, filename: str) -> FileResponse:
    """A template of the generic format, or the example mapping."""
    if filename not in TEMPLATE_FILES:
        raise Http404("No such template.")
    path = TEMPLATES_DIR / filename
    return FileResponse(path.open("rb"), as_attachment=True, filename=filename,
                        content_type=CONTENT_TYPES.get(path.suffix, "application/octet-stream"))


urlpatterns = [
    path("imports/", import_list, name="imports"),
    path("imports/all/", import_all, name="import_all"),
    path("imports/templates/<str:filename>", import_template, name="import_template"),
    path("imports/<slug:name>/", import_page, name="import"),
]
