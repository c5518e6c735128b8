"""Pages (included into the ``protection`` namespace by ``crossroads.protection.urls``)."""

from __future__ import annotations

from django.urls import URLPattern, path

from crossroads.protection.nrm import jobs, views  # noqa: F401  (jobs: registers its job)

urlpatterns: list[URLPattern] = [
    *views.ProviderViews.urls(),
    *views.OfferViews.urls(),
    *views.ReferralViews.urls(),
    *views.TransferViews.urls(),
    path("referrals/<int:pk>/", views.referral_page, name="referral"),
    path("referrals/<int:pk>/<str:step>/", views.referral_step, name="referral_step"),
    path("transfers/<int:pk>/", views.transfer_page, name="transfer"),
    path("transfers/<int:pk>/<str:step>/", views.transfer_step, name="transfer_step"),
    path("cases/<int:pk>/refer/", views.refer, name="case_refer"),
    path("cases/<int:pk>/transfer/", views.request_transfer, name="case_transfer"),
    path("nrm/dashboard/", views.dashboard_page, name="nrm_dashboard"),
]
