"""Pages (included into the ``protection`` namespace by ``crossroads.protection.urls``)."""

from __future__ import annotations

from django.urls import URLPattern, path

from crossroads.protection.returns import views

urlpatterns: list[URLPattern] = [
    path("returns/due/", views.due, name="return_due"),
    path("cases/<int:pk>/returns/apply/", views.apply, name="return_apply"),
    path("returns/<int:pk>/step/<slug:name>/", views.step, name="return_step"),
    path("returns/assistance/<int:pk>/deliver/", views.deliver, name="return_deliver"),
    *views.ReturnApplicationViews.urls(),
]
