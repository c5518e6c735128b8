"""Crossings: recording entries, exits, refusals and transits, from the officer's capture
screen, from booth software (API) and from advance passenger lists (PAXLST as CSV).

Every way in goes through :func:`crossroads.borders.crossings.services.record_crossing`,
which checks everything first and writes all or nothing.
"""
