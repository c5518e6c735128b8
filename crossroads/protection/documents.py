"""Checking uploads before they are kept with a case: size limit, type by content.

The name and the declared type of an upload say nothing trustworthy; the first bytes do.
Only PDF, PNG and JPEG are accepted, and only up to ``PROTECTION_UPLOAD_MAX_BYTES``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from crossroads.protection.models import Case, CaseDocument

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)
EXTENSIONS = {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg"}


def max_bytes() -> int:
    return int(getattr(settings, "PROTECTION_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


def sniff(head: bytes) -> str | None:
    """The media type the first bytes show, among those accepted; None otherwise."""
    return next((kind for magic, kind in SIGNATURES if head.startswith(magic)), None)


def check_upload(upload: UploadedFile) -> str:
    """The media type of an acceptable upload; ValidationError naming the problem."""
    limit = max_bytes()
    size = upload.size or 0
    if size == 0:
        raise ValidationError({"file": [_("The file is empty.")]})
    if size > limit:
        raise ValidationError({"file": [
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)}]})
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    kind = sniff(head)
    if kind is None:
        raise ValidationError({"file": [
            _("Only PDF, PNG and JPEG files are accepted (checked by content).")]})
    return kind


@transaction.atomic
def attach(case: Case, upload: UploadedFile, title: str) -> CaseDocument:
    """Keep a checked upload with a case, under a random name."""
    kind = check_upload(upload)
    if not title.strip():
        raise ValidationError({"title": [_("A document needs a title.")]})
    original = (upload.name or "")[:200]
    upload.name = f"upload{EXTENSIONS[kind]}"
    return CaseDocument.objects.create(case=case, title=title.strip(), file=upload,
                                       original_name=original, media_type=kind,
                                       size=upload.size or 0)
