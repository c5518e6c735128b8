"""Uploads checked by size and content; screening answered in full, priority explained."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from crossroads.protection import documents, factors, services
from crossroads.protection.choices import Priority
from crossroads.protection.models import CaseDocument, VulnerabilityScreening
from crossroads.protection.tests.helpers import ProtectionTestCase

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
NO = {f.code: False for f in factors.FACTORS}
ORDER = [Priority.LOW, Priority.MEDIUM, Priority.HIGH, Priority.CRITICAL]


class DocumentTests(ProtectionTestCase):
    def setUp(self) -> None:
        self.media = tempfile.TemporaryDirectory()
        self.addCleanup(self.media.cleanup)
        settings = override_settings(MEDIA_ROOT=self.media.name, PROTECTION_UPLOAD_MAX_BYTES=1024)
        settings.enable()
        self.addCleanup(settings.disable)

    def test_a_pdf_is_kept_under_a_random_name(self) -> None:
        upload = SimpleUploadedFile("Ana Popescu passport.pdf", PDF, "application/pdf")
        document = documents.attach(self.case, upload, "Passport copy")
        self.assertEqual(document.media_type, "application/pdf")
        self.assertEqual(document.original_name, "Ana Popescu passport.pdf")
        self.assertNotIn("Popescu", str(document.file.name))
        self.assertEqual(Path(document.file.path).read_bytes(), PDF)

    def test_a_file_too_big_is_refused_and_nothing_is_kept(self) -> None:
        upload = SimpleUploadedFile("big.pdf", PDF + b"0" * 2048, "application/pdf")
        with self.assertRaises(ValidationError) as refused:
            documents.attach(self.case, upload, "Big")
        self.assertIn("limit", refused.exception.message_dict["file"][0])
        self.assertFalse(CaseDocument.objects.exists())
        self.assertEqual(list(Path(self.media.name).rglob("*.*")), [])

    def test_a_file_whose_content_is_not_an_allowed_type_is_refused(self) -> None:
        upload = SimpleUploadedFile("photo.png", b"MZ\x90\x00 not really a picture", "image/png")
        with self.assertRaises(ValidationError) as refused:
            documents.attach(self.case, upload, "Photo")
        self.assertIn("PDF, PNG and JPEG", refused.exception.message_dict["file"][0])
        self.assertFalse(CaseDocument.objects.exists())

    def test_a_png_and_a_jpeg_are_recognised_by_their_content(self) -> None:
        self.assertEqual(documents.sniff(b"\x89PNG\r\n\x1a\n...."), "image/png")
        self.assertEqual(documents.sniff(b"\xff\xd8\xff\xe0..JFIF"), "image/jpeg")
        self.assertIsNone(documents.sniff(b"<html>"))


class ScreeningTests(ProtectionTestCase):
    def test_every_factor_must_be_answered(self) -> None:
        answers = dict(NO)
        del answers["disability"]
        answers["unknown"] = True
        with self.assertRaises(ValidationError) as refused:
            services.screen(self.case, self.owner, answers)
        problems = " ".join(refused.exception.message_dict["answers"])
        self.assertIn("Disability", problems)
        self.assertIn("unknown", problems)
        self.assertFalse(VulnerabilityScreening.objects.exists())

    def test_an_urgent_factor_makes_the_case_critical_and_says_why(self) -> None:
        screening = services.screen(self.case, self.owner, {**NO, "immediate_danger": True})
        self.assertEqual(screening.priority, Priority.CRITICAL)
        self.assertEqual([r["factor"] for r in screening.reasons], ["immediate_danger"])
        self.assertEqual(self.reload(self.case).priority, Priority.CRITICAL)

    def test_protective_factors_lower_the_priority(self) -> None:
        risks = {**NO, "medical_need": True, "household_violence": True, "discrimination": True}
        self.assertEqual(factors.assess(risks).priority, Priority.HIGH)
        protected = {**risks, "family_support": True, "skills": True}
        self.assertEqual(factors.assess(protected).priority, Priority.MEDIUM)

    def test_a_user_who_may_not_change_the_case_cannot_screen_it(self) -> None:
        from django.core.exceptions import PermissionDenied

        with self.assertRaises(PermissionDenied):
            services.screen(self.case, self.outsider, NO)


@given(st.fixed_dictionaries({f.code: st.booleans() for f in factors.FACTORS}),
       st.sampled_from([f.code for f in factors.FACTORS if f.kind == factors.RISK]))
def test_one_more_risk_factor_never_lowers_the_priority(answers: dict[str, bool],
                                                        risk: str) -> None:
    before = factors.assess(answers).priority
    after = factors.assess({**answers, risk: True}).priority
    assert ORDER.index(Priority(after)) >= ORDER.index(Priority(before))
