"""Bad input gets a clear error, never a crash; text search folds every script."""

from __future__ import annotations

from crossroads.core import jobs
from crossroads.core.models import Job
from crossroads.reference.models import AdminArea, Country
from crossroads.testing import CrossroadsTestCase


class OversizedNumberTests(CrossroadsTestCase):
    def setUp(self) -> None:
        self.grant(self.owner, Country, "view")
        self.grant(self.owner, AdminArea, "view")
        self.client.force_login(self.owner)

    def test_the_api_answers_a_huge_related_id_with_a_field_error(self) -> None:
        response = self.client.get("/api/v1/reference/countries/",
                                   {"regions": "99999999999999999999999"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("regions", response.json())

    def test_the_api_answers_a_huge_range_bound_with_a_field_error(self) -> None:
        response = self.client.get("/api/v1/reference/admin-areas/",
                                   {"level__gte": "1e30"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("level__gte", response.json())

    def test_the_list_page_shows_the_error_and_no_rows(self) -> None:
        response = self.client.get("/reference/countries-and-territories/",
                                   {"regions": "99999999999999999999999"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "This number is too large.")
        self.assertEqual(len(response.context["table"].rows), 0)


class CyrillicSearchTests(CrossroadsTestCase):
    def setUp(self) -> None:
        self.grant(self.owner, Country, "view")
        self.client.force_login(self.owner)

    def test_a_lowercase_cyrillic_filter_finds_a_capitalised_name(self) -> None:
        response = self.client.get("/api/v1/reference/countries/",
                                   {"name_ru__icontains": "молдова"})
        self.assertEqual([row["iso3"] for row in response.json()["results"]], ["MDA"])

    def test_an_uppercase_cyrillic_search_finds_a_capitalised_name(self) -> None:
        response = self.client.get("/search/", {"q": "УКРАИНА"})
        self.assertContains(response, "Ukraine")  # shown in the page's language, English
        self.assertNotContains(response, "Moldova")

    def test_like_wildcards_in_a_search_are_taken_literally(self) -> None:
        response = self.client.get("/api/v1/reference/countries/", {"name__icontains": "%"})
        self.assertEqual(response.json()["count"], 0)


class JobArgumentTests(CrossroadsTestCase):
    def test_a_job_may_take_arguments_called_name_and_user(self) -> None:
        @jobs.register_job("tests.core.echo_name")
        def echo(progress: jobs.Progress, *, name: str, user: str) -> dict[str, str]:
            return {"name": name, "user": user}

        job = jobs.run_inline("tests.core.echo_name", self.owner, name="Ana", user="someone")
        self.assertEqual(job.status, Job.Status.COMPLETED)
        self.assertEqual(job.result, {"name": "Ana", "user": "someone"})
        self.assertEqual(job.user, self.owner)
