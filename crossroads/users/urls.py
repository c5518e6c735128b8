from __future__ import annotations

from django.urls import path

from crossroads.users import views

app_name = "users"

urlpatterns = [
    path("api-tokens/new/", views.create_token, name="token_add"),
    path("account/password/", views.PasswordChangeView.as_view(), name="password_change"),
    *[pattern for v in views.ALL_VIEWS for pattern in v.urls()],
]
