"""Watchlists, screening of travellers and registrations against them, and alerts."""
