from __future__ import annotations

from django.urls import path

from crossroads.people import views

app_name = "people"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("register/", views.register, name="register"),
    path("linkage/", views.linkage, name="linkage"),
    path("possible-duplicates/<int:pk>/decide/", views.decide, name="matchpair_decide"),
    path("merges/<int:pk>/undo/", views.unmerge, name="merge_undo"),
    *[pattern for declared in views.ALL_VIEWS for pattern in declared.urls()],
]
