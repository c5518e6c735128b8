"""Assisted voluntary return and reintegration: eligibility (``eligibility``), the
workflow (``services``, ``travel``), reintegration and monitoring (``reintegration``,
``sustainability``), pages (``views``) and the API (``api``)."""

from crossroads.protection.returns.eligibility import ELIGIBILITY

__all__ = ["ELIGIBILITY"]
