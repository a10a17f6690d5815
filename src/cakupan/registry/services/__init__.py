"""Writes to the registry: register and correct persons and employers, add and end spells, and
enrol many persons with their spells at once (bulk imports).

Each service checks the actor's permission inside the record's region, runs in one
transaction, and writes its audit row in that same transaction. Other apps call them from
here (`from cakupan.registry.services import spell_add`); the modules hold them by subject:
persons.py, employers.py, spells.py, workers.py (a BPU worker with their first spell), bulk.py.
"""

from cakupan.registry.services.bulk import (  # noqa: F401
    PERSON_COLUMNS,
    SPELL_COLUMNS,
    BulkInserted,
    persons_spells_bulk_insert,
    spell_overlap_refused,
)
from cakupan.registry.services.employers import employer_register  # noqa: F401
from cakupan.registry.services.persons import (  # noqa: F401
    DuplicateNik,
    nik_check_outside_scope_record,
    person_register,
    person_reveal_nik,
    person_update,
)
from cakupan.registry.services.spells import (  # noqa: F401
    SPELL_PERMISSION,
    SpellOverlap,
    overlap_error,
    spell_add,
    spell_end,
)
from cakupan.registry.services.workers import BPU_WORKER_PROGRAMS, bpu_worker_register  # noqa: F401
