"""Generic test suites: every model's pages, API and filters are checked the same way.

Each suite is an abstract class nested in a holder class (so pytest does not collect
the abstract one). A concrete test sets ``views`` (or ``viewset`` / ``filterset``),
``create_objects`` and the data to create and change a record.
"""

from __future__ import annotations

import csv
import io
from typing import Any, ClassVar

from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from crossroads.core.filtersets import UNFILTERABLE
from crossroads.core.views.generic import ObjectViews
from crossroads.testing.base import CrossroadsTestCase

NO_NEW_OBJECT = {"pk": 0}  # a constraint no new record satisfies (primary keys start at 1)


class ObjectFixtures(CrossroadsTestCase):
    """Three sample objects made by ``create_objects`` (which takes a suffix for unique values).

    Forms and serializers offer only related records the user may view, so valid data
    needs ``view`` on the models a record points at: list them in ``related`` and the
    owner is granted it.
    """

    objects_: ClassVar[list[models.Model]]
    related: ClassVar[tuple[type[models.Model], ...]] = ()

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        raise NotImplementedError

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.objects_ = cls.create_objects()
        for model in cls.related:
            cls.grant(cls.owner, model, "view")

    def lookup(self, obj: models.Model) -> Any:
        return obj.pk


class ViewTestCases:
    class ObjectViews(ObjectFixtures):
        """List, detail, export, create, edit and delete pages of one model."""

        views: ClassVar[type[ObjectViews]]
        #: Whether the generic add/edit pages exist for this model.
        editable: ClassVar[bool] = True

        def form_data(self) -> dict[str, Any]:
            """Valid POST data for a new record."""
            raise NotImplementedError

        def edit_data(self, obj: models.Model) -> dict[str, Any]:
            """Valid POST data changing ``obj`` (defaults to form_data)."""
            return self.form_data()

        @property
        def model(self) -> type[models.Model]:
            return self.views.model

        def lookup(self, obj: models.Model) -> Any:
            return getattr(obj, self.views.lookup_field)

        def url(self, suffix: str, obj: models.Model | None = None) -> str:
            return self.views.url(suffix, obj)

        def test_anonymous_visitors_are_sent_to_login(self) -> None:
            for url in (self.url("list"), self.url("", self.objects_[0])):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 302, url)
                self.assertIn("/login/", response["Location"])

        def test_a_user_without_permission_is_refused(self) -> None:
            self.client.force_login(self.owner)
            self.assertEqual(self.client.get(self.url("list")).status_code, 403)
            self.assertEqual(self.client.get(self.url("", self.objects_[0])).status_code, 403)

        def test_a_constrained_permission_shows_only_its_objects(self) -> None:
            allowed, *others = self.objects_
            self.grant(self.owner, self.model, "view", {"pk": allowed.pk})
            self.client.force_login(self.owner)
            response = self.client.get(self.url("list"))
            self.assertEqual(response.status_code, 200)
            shown = {row.record.pk for row in response.context["table"].rows}
            self.assertEqual(shown, {allowed.pk})
            self.assertEqual(self.client.get(self.url("", allowed)).status_code, 200)
            for other in others:
                self.assertEqual(self.client.get(self.url("", other)).status_code, 404)
                self.assertEqual(self.client.get(self.url("changelog", other)).status_code, 404)

        def test_the_list_exports_as_csv_and_html(self) -> None:
            self.grant(self.owner, self.model, "view")
            self.client.force_login(self.owner)
            response = self.client.get(self.url("list"), {"export": "csv"})
            self.assertEqual(response.status_code, 200)
            rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
            self.assertEqual(len(rows) - 1, self.model._default_manager.count())
            html = self.client.get(self.url("list"), {"export": "html"})
            self.assertEqual(html.status_code, 200)
            self.assertContains(html, "<table")

        def test_list_queries_do_not_grow_with_rows(self) -> None:
            self.grant(self.owner, self.model, "view")
            self.client.force_login(self.owner)
            self.client.get(self.url("list"))  # warm caches (content types, sessions)
            with CaptureQueriesContext(connection) as few:
                self.client.get(self.url("list"))
            self.create_objects("more")
            with CaptureQueriesContext(connection) as many:
                self.client.get(self.url("list"))
            self.assertEqual(len(many), len(few), [q["sql"] for q in many])

        def test_records_can_be_added_changed_and_deleted_with_permission(self) -> None:
            if not self.editable:
                self.skipTest(f"{self.model.__name__} has no generic add/edit pages")
            self.grant(self.owner, self.model, ["view", "add", "change", "delete"])
            self.client.force_login(self.owner)
            before = self.model._default_manager.count()
            response = self.client.post(self.url("add"), self.form_data())
            self.assertEqual(response.status_code, 302, getattr(response, "context", None)
                             and response.context.get("form") and response.context["form"].errors)
            self.assertEqual(self.model._default_manager.count(), before + 1)
            created = self.model._default_manager.order_by("-pk").first()
            assert created is not None
            response = self.client.post(self.url("edit", created), self.edit_data(created))
            self.assertEqual(response.status_code, 302)
            response = self.client.post(self.url("delete", created))
            self.assertEqual(response.status_code, 302)
            self.assertEqual(self.model._default_manager.count(), before)

        def test_adding_outside_the_permission_is_refused_and_writes_nothing(self) -> None:
            if not self.editable:
                self.skipTest(f"{self.model.__name__} has no generic add/edit pages")
            self.grant(self.owner, self.model, ["view"])
            self.grant(self.owner, self.model, ["add"], NO_NEW_OBJECT)
            self.client.force_login(self.owner)
            before = self.model._default_manager.count()
            response = self.client.post(self.url("add"), self.form_data())
            self.assertEqual(response.status_code, 403)
            self.assertEqual(self.model._default_manager.count(), before)

        def test_bad_input_gets_field_errors_not_a_crash(self) -> None:
            if not self.editable:
                self.skipTest(f"{self.model.__name__} has no generic add/edit pages")
            self.grant(self.owner, self.model, ["view", "add"])
            self.client.force_login(self.owner)
            before = self.model._default_manager.count()
            response = self.client.post(self.url("add"), {})
            self.assertEqual(response.status_code, 400)
            self.assertTrue(response.context["form"].errors)
            self.assertEqual(self.model._default_manager.count(), before)


class APITestCases:
    class API(ObjectFixtures):
        """The REST endpoints of one model."""

        endpoint: ClassVar[str]  # e.g. "/api/v1/reference/countries/"
        model: ClassVar[type[models.Model]]
        writable: ClassVar[bool] = True

        def api_data(self) -> dict[str, Any]:
            """Valid JSON for a new record."""
            raise NotImplementedError

        def setUp(self) -> None:
            self.api = APIClient()

        def detail(self, obj: models.Model) -> str:
            return f"{self.endpoint}{obj.pk}/"

        def test_anonymous_requests_are_refused(self) -> None:
            self.assertIn(self.api.get(self.endpoint).status_code, (401, 403))

        def test_a_user_without_permission_is_refused(self) -> None:
            self.api.force_authenticate(self.owner)
            self.assertEqual(self.api.get(self.endpoint).status_code, 403)

        def test_a_constrained_permission_lists_only_its_objects(self) -> None:
            allowed, *others = self.objects_
            self.grant(self.owner, self.model, "view", {"pk": allowed.pk})
            self.api.force_authenticate(self.owner)
            response = self.api.get(self.endpoint)
            self.assertEqual(response.status_code, 200)
            self.assertEqual([row["id"] for row in response.json()["results"]], [allowed.pk])
            for other in others:
                self.assertEqual(self.api.get(self.detail(other)).status_code, 404)

        def test_list_queries_do_not_grow_with_rows(self) -> None:
            self.grant(self.owner, self.model, "view")
            self.api.force_authenticate(self.owner)
            self.api.get(self.endpoint)
            with CaptureQueriesContext(connection) as few:
                self.api.get(self.endpoint)
            self.create_objects("more")
            with CaptureQueriesContext(connection) as many:
                self.api.get(self.endpoint)
            self.assertEqual(len(many), len(few), [q["sql"] for q in many])

        def test_create_update_and_delete_with_permission(self) -> None:
            if not self.writable:
                self.skipTest(f"{self.model.__name__} is read-only in the API")
            self.grant(self.owner, self.model, ["view", "add", "change", "delete"])
            self.api.force_authenticate(self.owner)
            response = self.api.post(self.endpoint, self.api_data(), format="json")
            self.assertEqual(response.status_code, 201, response.content)
            url = f"{self.endpoint}{response.json()['id']}/"
            self.assertEqual(self.api.patch(url, {}, format="json").status_code, 200)
            self.assertEqual(self.api.delete(url).status_code, 204)

        def test_creating_outside_the_permission_is_refused_and_writes_nothing(self) -> None:
            if not self.writable:
                self.skipTest(f"{self.model.__name__} is read-only in the API")
            self.grant(self.owner, self.model, ["view"])
            self.grant(self.owner, self.model, ["add"], NO_NEW_OBJECT)
            self.api.force_authenticate(self.owner)
            before = self.model._default_manager.count()
            response = self.api.post(self.endpoint, self.api_data(), format="json")
            self.assertEqual(response.status_code, 403)
            self.assertEqual(self.model._default_manager.count(), before)

        def test_invalid_data_gets_field_errors(self) -> None:
            if not self.writable:
                self.skipTest(f"{self.model.__name__} is read-only in the API")
            self.grant(self.owner, self.model, ["view", "add"])
            self.api.force_authenticate(self.owner)
            response = self.api.post(self.endpoint, {}, format="json")
            self.assertEqual(response.status_code, 400)
            self.assertIsInstance(response.json(), dict)


class FilterSetTestCases:
    class FilterSet(CrossroadsTestCase):
        """Every field of the model has a filter."""

        filterset: ClassVar[type[Any]]
        #: Fields deliberately left without a filter, with the reason.
        unfiltered: ClassVar[dict[str, str]] = {}

        def test_every_field_has_a_filter(self) -> None:
            model = self.filterset._meta.model
            filters = {f.split("__")[0] for f in self.filterset.base_filters}
            filters |= {f.field_name for f in self.filterset.base_filters.values()}
            missing = []
            for field in model._meta.get_fields():
                if not getattr(field, "concrete", False) or field.primary_key:
                    continue
                if isinstance(field, UNFILTERABLE) or field.name in self.unfiltered:
                    continue
                if field.name not in filters and field.attname not in filters:
                    missing.append(field.name)
            self.assertEqual(missing, [], f"{model.__name__} fields without a filter")
