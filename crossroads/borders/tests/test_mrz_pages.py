"""Reading a travel document from the page and from the API, as a border officer."""

from __future__ import annotations

from crossroads.borders.models import BorderCrossingPoint
from crossroads.borders.mrz import check_digit
from crossroads.testing import CrossroadsTestCase


def passport(number: str = "AB1234567", birth: str = "900312", expiry: str = "310101") -> str:
    """A TD3 zone of a Moldovan passport with correct check digits."""
    line1 = "P<MDAKOVALCHUK<<IULIIA".ljust(44, "<")
    body = (f"{number}{check_digit(number)}MDA{birth}{check_digit(birth)}F"
            f"{expiry}{check_digit(expiry)}<<<<<<<<<<<<<<0")
    composite = body[0:10] + body[13:20] + body[21:43]
    return f"{line1}\n{body}{check_digit(composite)}"


class MRZPageTests(CrossroadsTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.grant(cls.owner, BorderCrossingPoint, "view")

    def setUp(self) -> None:
        self.client.force_login(self.owner)

    def test_a_valid_zone_fills_the_fields(self) -> None:
        response = self.client.post("/borders/mrz/", {"mrz": passport()})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "KOVALCHUK")
        self.assertContains(response, "AB1234567")

    def test_a_wrong_check_digit_is_refused_with_the_field(self) -> None:
        line1, line2 = passport().split("\n")
        wrong = "1" if line2[27] != "1" else "2"  # the expiry date's check digit
        broken = f"{line1}\n{line2[:27]}{wrong}{line2[28:]}"
        response = self.client.post("/borders/mrz/", {"mrz": broken})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "expiry_date", status_code=400)

    def test_the_api_gives_fields_or_the_exact_reason(self) -> None:
        ok = self.client.post("/api/v1/borders/mrz/", {"mrz": passport()},
                              content_type="application/json")
        self.assertEqual(ok.status_code, 200)
        self.assertEqual(ok.json()["fields"]["family"], "KOVALCHUK")
        self.assertEqual(ok.json()["fields"]["document_expiry"], "2031-01-01")
        short = self.client.post("/api/v1/borders/mrz/", {"mrz": passport()[:-3]},
                                 content_type="application/json")
        self.assertEqual(short.status_code, 400)
        self.assertEqual(short.json()["field"], "mrz")

    def test_only_users_of_border_management_may_read_documents(self) -> None:
        self.client.force_login(self.outsider)
        self.assertEqual(self.client.post("/borders/mrz/", {"mrz": passport()}).status_code,
                         403)
