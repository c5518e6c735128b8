"""The generic suites for every evidence model: pages, API and filters."""

from __future__ import annotations

import json
from typing import Any

from django.db import models

from crossroads.evidence import filtersets, views
from crossroads.evidence import models as m
from crossroads.evidence.tests import factories
from crossroads.testing.suites import APITestCases, FilterSetTestCases, ViewTestCases

API = "/api/v1/evidence"
JSON_FIELDS = {"disaggregations", "numerator_filter", "denominator_filter"}



class DataSourceViewTests(ViewTestCases.ObjectViews):
    views = views.DataSourceViews

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(factories.make_sources(suffix))

    def form_data(self) -> dict[str, Any]:
        return {"code": "nso-md", "name": "Census 2014", "producer": "nso", "kind": "census",
                "kosovo_convention": "n/a"}


class DataSourceAPITests(APITestCases.API):
    endpoint = f"{API}/data-sources/"
    model = m.DataSource

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(factories.make_sources(suffix))

    def api_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "code": "nso-md", "name": "Census 2014", "producer": "nso", "kind": "census",
                "kosovo_convention": "n/a"}
        return {key: json.loads(value) if key in JSON_FIELDS else value
                for key, value in data.items()}


class DataSourceFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = filtersets.DataSourceFilterSet


class ReleaseViewTests(ViewTestCases.ObjectViews):
    views = views.ReleaseViews

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(factories.make_releases(suffix))

    editable = False


class ReleaseAPITests(APITestCases.API):
    endpoint = f"{API}/releases/"
    model = m.Release

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(factories.make_releases(suffix))

    writable = False


class ReleaseFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = filtersets.ReleaseFilterSet


class ReleaseFileViewTests(ViewTestCases.ObjectViews):
    views = views.ReleaseFileViews

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(factories.make_release_files(suffix))

    editable = False


class ReleaseFileFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = filtersets.ReleaseFileFilterSet


class IndicatorViewTests(ViewTestCases.ObjectViews):
    views = views.IndicatorViews

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(factories.make_indicators(suffix))

    def form_data(self) -> dict[str, Any]:
        return {"code": "NEW_IND", "name": "New indicator", "definition": "Defined in a test.",
                "unit": "persons", "formula": "raw", "factor": "1", "disaggregations": "[]",
                "numerator_filter": "{}", "denominator_filter": "{}"}


class IndicatorAPITests(APITestCases.API):
    endpoint = f"{API}/indicators/"
    model = m.Indicator

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(factories.make_indicators(suffix))

    def api_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "code": "NEW_IND", "name": "New indicator", "definition": "Defined in a test.",
                "unit": "persons", "formula": "raw", "factor": "1", "disaggregations": "[]",
                "numerator_filter": "{}", "denominator_filter": "{}"}
        return {key: json.loads(value) if key in JSON_FIELDS else value
                for key, value in data.items()}


class IndicatorFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = filtersets.IndicatorFilterSet


class AreaViewTests(ViewTestCases.ObjectViews):
    views = views.AreaViews

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(factories.make_areas(suffix))

    def form_data(self) -> dict[str, Any]:
        return {"code": "TEST-NEW", "name": "New area", "kind": "aggregate"}


class AreaAPITests(APITestCases.API):
    endpoint = f"{API}/areas/"
    model = m.Area

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(factories.make_areas(suffix))

    def api_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"code": "TEST-NEW", "name": "New area", "kind": "aggregate"}
        return {key: json.loads(value) if key in JSON_FIELDS else value
                for key, value in data.items()}


class AreaFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = filtersets.AreaFilterSet


class AreaAliasViewTests(ViewTestCases.ObjectViews):
    views = views.AreaAliasViews
    related = (m.Area,)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(factories.make_aliases(suffix))

    def form_data(self) -> dict[str, Any]:
        return {"label": "Moldavia (old spelling)", "area": self.objects_[0].area_id,
                "note": "seen in a test"}


class AreaAliasAPITests(APITestCases.API):
    endpoint = f"{API}/crosswalk/"
    model = m.AreaAlias
    related = (m.Area,)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(factories.make_aliases(suffix))

    def api_data(self) -> dict[str, Any]:
        return {"label": "Moldavia (old spelling)", "area": self.objects_[0].area_id}


class AreaAliasFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = filtersets.AreaAliasFilterSet


class ObservationViewTests(ViewTestCases.ObjectViews):
    views = views.ObservationViews

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(factories.make_observations(suffix))

    editable = False


class ObservationAPITests(APITestCases.API):
    endpoint = f"{API}/observations/"
    model = m.Observation

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(factories.make_observations(suffix))

    writable = False


class ObservationFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = filtersets.ObservationFilterSet

    unfiltered = {"key": "derived from the dimensions, which are all filterable"}
