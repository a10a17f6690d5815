"""Reads of the registry, always inside the caller's region scope; other apps read it here.

`coverage_on` answers the question every death claim and proof of coverage asks: was this NIK
protected on this date, by which spell, paid by whom, under which rules? `contributions_due`
says what spells owe on a day; `records` finds persons, employers, spells and duplicates;
`bulk` answers for many NIKs at once (what a bulk import checks its rows against).
"""

from cakupan.registry.selectors.bulk import persons_spells_for_niks  # noqa: F401
from cakupan.registry.selectors.contributions_due import (  # noqa: F401
    RULES_BPU_PAYER,
    ContributionDue,
    bpu_contribution_preview,
    contribution_for_spell,
    employer_contributions_due,
    person_contributions_due,
)
from cakupan.registry.selectors.coverage_answer import (  # noqa: F401
    CoverageAnswer,
    CoverageStatus,
    SpellAnswer,
    coverage_as_dict,
    coverage_message,
    coverage_on,
    rules_in_force,
)
from cakupan.registry.selectors.records import (  # noqa: F401
    MIN_NAME_CHARS,
    SEARCH_LIMIT,
    NikCheck,
    duplicate_get,
    duplicate_queue,
    employer_get,
    employer_search,
    employer_spells,
    nik_check,
    person_by_nik,
    person_flags,
    person_get,
    person_history,
    person_queryset,
    person_search,
    person_spells,
    person_visible,
    region_names,
    spells_overlapping,
    villages_for_registration,
)
