"""URL patterns of crossings (included in the borders app's URLs)."""

from __future__ import annotations

from django.urls import path

from crossroads.borders.crossings import views

urlpatterns = [
    path("crossings/capture/", views.capture, name="crossing_capture"),
    path("crossings/capture/mrz/", views.capture_mrz, name="crossing_capture_mrz"),
    path("crossings/passenger-lists/", views.upload_paxlst, name="crossing_paxlst"),
    *views.CrossingViews.urls(),
]
