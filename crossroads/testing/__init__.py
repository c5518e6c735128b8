"""The testing kit: a base test case with an owner, a colleague and an outsider, and the
generic suites that every model's views, API and filters inherit.

A domain test declares its model and sample data::

    class CountryViewTests(ViewTestCases.ObjectViews):
        views = CountryViews

        @classmethod
        def create_objects(cls, suffix=""): ...
        def form_data(self): ...
"""

from crossroads.testing.base import CrossroadsTestCase
from crossroads.testing.suites import APITestCases, FilterSetTestCases, ViewTestCases

__all__ = ["APITestCases", "CrossroadsTestCase", "FilterSetTestCases", "ViewTestCases"]
