"""Forms of the import page: uploaded files, and the mapping or release metadata they need."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from crossroads.evidence.choices import Producer, SourceKind
from crossroads.evidence.importers.generic.mapping import (
    MAPPING_SUFFIXES,
    MappingError,
    load_data,
    parse_mapping,
)
from crossroads.evidence.importers.generic.tables import DATA_SUFFIXES

#: The largest file the page accepts (the largest shipped workbook is about 10 MB).
MAX_UPLOAD_BYTES = 50 * 1024 * 1024


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that accepts several files at once."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


def check_upload(upload: UploadedFile, suffixes: tuple[str, ...]) -> None:
    """Refuse a file that is too large or has a suffix the importer cannot read."""
    name = upload.name or ""
    if (upload.size or 0) > MAX_UPLOAD_BYTES:
        raise forms.ValidationError(
            _("%(name)s is larger than %(limit)d MB.")
            % {"name": name, "limit": MAX_UPLOAD_BYTES // (1024 * 1024)})
    if Path(name).suffix.lower() not in suffixes:
        raise forms.ValidationError(
            _("%(name)s: upload a file ending in %(suffixes)s.")
            % {"name": name, "suffixes": ", ".join(suffixes)})


class UploadForm(forms.Form):
    """Data files for any importer."""

    uploads = MultipleFileField(
        label=gettext_lazy("Data files"),
        help_text=gettext_lazy("CSV or spreadsheet files (at most 50 MB each)."),
    )
    suffixes: tuple[str, ...] = DATA_SUFFIXES

    def clean_uploads(self) -> list[UploadedFile]:
        uploads: list[UploadedFile] = self.cleaned_data["uploads"]
        names = [upload.name for upload in uploads]
        if len(set(names)) != len(names):
            raise forms.ValidationError(_("Two of the files have the same name."))
        for upload in uploads:
            check_upload(upload, self.suffixes)
        return uploads

    def metadata(self) -> dict[str, Any] | None:
        """The mapping or release metadata to write next to the files (None: none needed)."""
        return None

    def metadata_upload(self) -> UploadedFile | None:
        return None


class MetadataFileMixin(forms.Form):
    """An optional YAML or JSON file uploaded with the data."""

    metadata_file = forms.FileField(required=False)

    def clean_metadata_file(self) -> UploadedFile | None:
        upload = self.cleaned_data.get("metadata_file")
        if upload:
            check_upload(upload, MAPPING_SUFFIXES)
        return upload

    def uploaded_document(self) -> Any:
        """The YAML or JSON document in the uploaded file (a form error if unreadable)."""
        upload = self.cleaned_data["metadata_file"]
        suffix = Path(upload.name or "").suffix.lower()
        target = Path(f"uploaded{suffix}")
        try:
            return load_text(upload, target)
        except Exception as error:  # YAML or JSON error: show it on the form
            self.add_error("metadata_file", _("Cannot read it: %(error)s") % {"error": error})
            return None

    def metadata_upload(self) -> UploadedFile | None:
        return self.cleaned_data.get("metadata_file")


def load_text(upload: UploadedFile, name: Path) -> Any:
    """Parse an uploaded YAML or JSON file as the importers will."""
    upload.seek(0)
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / name
        path.write_bytes(upload.read())
        upload.seek(0)
        return load_data(path)


class GenericUploadForm(MetadataFileMixin, UploadForm):
    """Data files and their mapping: a mapping file, or the fields below."""

    source_code = forms.SlugField(label=gettext_lazy("Source code"), required=False,
                                  max_length=60)
    source_name = forms.CharField(label=gettext_lazy("Source name"), required=False)
    producer = forms.ChoiceField(label=gettext_lazy("Producer"), choices=Producer.choices,
                                 initial=Producer.NSO, required=False)
    producer_name = forms.CharField(label=gettext_lazy("Producer (name)"), required=False)
    kind = forms.ChoiceField(label=gettext_lazy("Kind of source"), required=False,
                             choices=[("", "---------"), *SourceKind.choices])
    release_code = forms.SlugField(label=gettext_lazy("Release code"), required=False,
                                   max_length=80)
    release_title = forms.CharField(label=gettext_lazy("Release title"), required=False)
    vintage = forms.CharField(label=gettext_lazy("Vintage"), required=False)
    published = forms.DateField(label=gettext_lazy("Published"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))
    sheet = forms.CharField(label=gettext_lazy("Sheet"), required=False,
                            help_text=gettext_lazy("Spreadsheets: default the first sheet."))
    header_row = forms.IntegerField(label=gettext_lazy("Header row"), min_value=1, initial=1,
                                    required=False)
    indicator = forms.CharField(
        label=gettext_lazy("Indicator column"), required=False,
        help_text=gettext_lazy("Or give one indicator code for every row below."))
    fixed_indicator = forms.CharField(label=gettext_lazy("Indicator code"), required=False)
    area = forms.CharField(label=gettext_lazy("Area column"), required=False)
    fixed_area = forms.CharField(label=gettext_lazy("Area (one for every row)"), required=False)
    period = forms.CharField(label=gettext_lazy("Period column"), required=False)
    fixed_period = forms.CharField(label=gettext_lazy("Period (one for every row)"),
                                   required=False)
    value = forms.CharField(label=gettext_lazy("Value column"), required=False)
    sex = forms.CharField(label=gettext_lazy("Sex column"), required=False)
    age = forms.CharField(label=gettext_lazy("Age column"), required=False)
    origin = forms.CharField(label=gettext_lazy("Origin column"), required=False)
    destination = forms.CharField(label=gettext_lazy("Destination column"), required=False)
    status = forms.CharField(label=gettext_lazy("Status column"), required=False)
    note = forms.CharField(label=gettext_lazy("Note column"), required=False)
    unit_multiplier = forms.TypedChoiceField(
        label=gettext_lazy("Values are in"), coerce=int, initial=0, required=False,
        choices=[(0, gettext_lazy("units")), (3, gettext_lazy("thousands")),
                 (6, gettext_lazy("millions"))])

    COLUMN_FIELDS = ("indicator", "area", "period", "value", "sex", "age", "origin",
                     "destination", "status", "note")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["metadata_file"].label = _("Mapping file")
        self.fields["metadata_file"].help_text = _(
            "YAML or JSON (see the example mapping). Without one, fill in the fields below.")
        self.mapping_document: dict[str, Any] | None = None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        document = self.uploaded_document() if cleaned.get("metadata_file") else \
            self.document_from_fields(cleaned)
        if document is not None:
            try:
                parse_mapping(document, _("the mapping"))
            except MappingError as error:
                for problem in error.problems:
                    self.add_error(None, problem.message)
                return cleaned
        self.mapping_document = document if not cleaned.get("metadata_file") else None
        return cleaned

    def document_from_fields(self, cleaned: dict[str, Any]) -> dict[str, Any]:
        """The mapping the fields describe (the same shape as a YAML mapping)."""
        published = cleaned.get("published")
        fixed = {dim: cleaned[f"fixed_{dim}"] for dim in ("indicator", "area", "period")
                 if cleaned.get(f"fixed_{dim}")}
        return {
            "source": {"code": cleaned.get("source_code"), "name": cleaned.get("source_name"),
                       "producer": cleaned.get("producer"), "kind": cleaned.get("kind"),
                       "producer_name": cleaned.get("producer_name")},
            "release": {"code": cleaned.get("release_code"),
                        "title": cleaned.get("release_title"),
                        "vintage": cleaned.get("vintage"),
                        "published": published.isoformat() if published else None},
            "file": {"sheet": cleaned.get("sheet") or None,
                     "header_row": cleaned.get("header_row") or 1},
            "columns": {dim: cleaned[dim] for dim in self.COLUMN_FIELDS if cleaned.get(dim)},
            "fixed": {**fixed, "unit_multiplier": cleaned.get("unit_multiplier") or 0},
        }

    def metadata(self) -> dict[str, Any] | None:
        return self.mapping_document


class SdmxUploadForm(MetadataFileMixin, UploadForm):
    """SDMX-CSV files, and optionally the release they are (else named after the dataflow)."""

    suffixes = (".csv",)
    release_code = forms.SlugField(label=gettext_lazy("Release code"), required=False,
                                   max_length=80)
    release_title = forms.CharField(label=gettext_lazy("Release title"), required=False)
    vintage = forms.CharField(label=gettext_lazy("Vintage"), required=False)
    published = forms.DateField(label=gettext_lazy("Published"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))

    RELEASE_FIELDS = ("release_code", "release_title", "vintage", "published")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["metadata_file"].label = _("Release metadata file")
        self.fields["metadata_file"].help_text = _(
            "Optional YAML or JSON with a 'release' section. Without it (or the fields "
            "below), the release is named after the dataflow and the file.")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        given = [name for name in self.RELEASE_FIELDS if cleaned.get(name)]
        if given and len(given) != len(self.RELEASE_FIELDS):
            self.add_error(None, _("Give all of release code, title, vintage and published, "
                                   "or none of them."))
        if given and cleaned.get("metadata_file"):
            self.add_error(None, _("Give a metadata file or the release fields, not both."))
        if cleaned.get("metadata_file") and not self.errors:
            document = self.uploaded_document()
            if document is not None and not isinstance(
                    document.get("release") if isinstance(document, dict) else None, dict):
                self.add_error("metadata_file", _("It needs a 'release' section."))
        return cleaned

    def metadata(self) -> dict[str, Any] | None:
        cleaned = self.cleaned_data
        if cleaned.get("metadata_file") or not cleaned.get("release_code"):
            return None
        return {"release": {"code": cleaned["release_code"], "title": cleaned["release_title"],
                            "vintage": cleaned["vintage"],
                            "published": cleaned["published"].isoformat()}}


def upload_form_class(importer: str) -> type[UploadForm]:
    """The upload form an importer needs."""
    forms_by_importer: dict[str, type[UploadForm]] = {
        "generic": GenericUploadForm, "sdmx-csv": SdmxUploadForm}
    return forms_by_importer.get(importer, UploadForm)
