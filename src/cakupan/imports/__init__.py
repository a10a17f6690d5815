"""Bulk imports: a spreadsheet of people becomes persons and spells, after review.

A batch moves uploaded → validated → in review → committed (or failed / cancelled). Reading,
mapping, validation and commit are generic; what a row means (workers, election rosters …)
is a *kind*, owned by the app whose feature it is, plugged in through the hook in
`kinds.py` (workers: `registry.workers_kind`; PKS rosters: `agreements.roster_kind`).
"""
