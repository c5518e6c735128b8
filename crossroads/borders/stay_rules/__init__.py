"""Stay rules stored per country, a traveller's stay status, and the lists of
overstayers, exits without entry and entries without exit (issue 6)."""
