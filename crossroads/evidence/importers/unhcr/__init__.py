"""UNHCR importers: population statistics 1951–2014, refugees 1995–2020, Global Trends 2015."""

from crossroads.evidence.importers.unhcr import global_trends, popstats, refugees

__all__ = ["global_trends", "popstats", "refugees"]
