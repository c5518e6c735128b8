"""Disclosure control is applied wherever figures leave the system, for users without
access to the underlying records (``view_microdata``)."""

from __future__ import annotations

from django.urls import reverse

from crossroads.evidence.models import Indicator, Observation
from crossroads.evidence.models.observations import MICRODATA
from crossroads.evidence.services.query import series
from crossroads.evidence.tests.figures import EvidenceTestCase, finish, put, release


class DisclosureWiringTests(EvidenceTestCase):
    """Border crossings by sex, as a pipeline would report them (threshold 5)."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        Indicator.objects.filter(code="MIG_STOCK").update(suppression_threshold=5)
        rel = release("pipeline-2024", "crossroads-borders")
        put(rel, "MIG_STOCK", "MDA", 2024, 40.0)
        put(rel, "MIG_STOCK", "MDA", 2024, 3.0, sex="F")
        put(rel, "MIG_STOCK", "MDA", 2024, 37.0, sex="M")
        put(rel, "POP", "MDA", 2024, 1000.0)
        finish()
        cls.grant(cls.owner, Observation, "view")
        cls.grant(cls.colleague, Observation, ["view", MICRODATA])

    def by_sex(self, user: object) -> dict[str, float | None]:
        values = series(user, "MIG_STOCK", areas=["MDA"], sex=None)
        return {v.sex: v.value for v in values}

    def test_small_counts_are_suppressed_for_users_without_microdata_access(self) -> None:
        shown = self.by_sex(self.owner)
        self.assertEqual(shown["_T"], 40.0)
        self.assertIsNone(shown["F"])  # 3 < 5: primary suppression
        self.assertIsNone(shown["M"])  # else 40 - 37 would reveal it: secondary

    def test_users_with_microdata_access_see_the_counts(self) -> None:
        self.assertEqual(self.by_sex(self.colleague), {"_T": 40.0, "F": 3.0, "M": 37.0})

    def test_a_ratio_built_on_protected_counts_is_withheld(self) -> None:
        [share] = series(self.owner, "MIG_STOCK_PCT_POP", areas=["MDA"])
        self.assertIsNone(share.value)
        self.assertEqual(share.status, "S")
        [open_share] = series(self.colleague, "MIG_STOCK_PCT_POP", areas=["MDA"])
        self.assertAlmostEqual(open_share.value or 0.0, 4.0)

    def test_raw_observations_of_protected_indicators_need_microdata_access(self) -> None:
        self.client.force_login(self.owner)
        page = self.client.get(reverse("evidence:observation_list"))
        self.assertEqual({row.record.indicator.code for row in page.context["table"].rows},
                         {"POP"})
        api = self.client.get("/api/v1/evidence/observations/").json()
        self.assertEqual(api["count"], 1)
        self.client.force_login(self.colleague)
        self.assertEqual(self.client.get("/api/v1/evidence/observations/").json()["count"], 4)
