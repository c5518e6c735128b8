"""Humanitarian border management: a crossing point in emergency mode during a crisis.

``services`` holds the rules (starting and ending an operation, registering a whole
group at once, referring a flagged person with consent, the receiving organisation's
decision); ``counts`` the live aggregates; the pages and the API only call them.
"""
