"""One claim per event: the same person, program and event on the same day (for a death, on
any day: a person dies once) may be claimed again only once the earlier claim was refused or
rejected. JKM and JKK death exclude each other: a death is either a work accident (JKK) or not
(JKM), never both; JHT paid at death is the member's own balance and stands beside either.
Checked when a claim is entered and again when it is approved (two claims entered at the same
moment both pass the first check); the database's conditional unique constraints on
`Claim` are the last line. Nothing here writes.

A second claim is refused outright, not merely warned about: a real second incident on the
same day under the same program is rare enough that correcting or rejecting the first claim
is the better path, and a warning an officer can click through is how money gets paid twice.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from cakupan.claims.common import error
from cakupan.claims.models import STANDING_STATUSES, Claim, Event, Program, Status
from cakupan.errors import DomainError


def standing_duplicate(
    *, nik: str, program: str, event: str, incident_date: dt.date, exclude_id: int | None = None
) -> Claim | None:
    """The earliest claim still standing (not refused or rejected) for the same event, in any
    region: a duplicate is one even when another office entered it."""
    if event == Event.DEATH:
        same_event = Q(event=event, program__in=death_programs(program))
    else:
        same_event = Q(event=event, program=program, incident_date=incident_date)
    found = Claim.objects.filter(same_event, nik=nik, status__in=STANDING_STATUSES)
    if exclude_id is not None:
        found = found.exclude(pk=exclude_id)
    return found.order_by("id").first()


def death_programs(program: str) -> tuple[str, ...]:
    """The programs whose death claims are the same death as one under `program`."""
    benefits = (Program.JKM.value, Program.JKK.value)
    return benefits if program in benefits else (program,)


def duplicate_error(existing: Claim) -> DomainError:
    # Lazy label and a date: `DomainError.message` renders both in the reader's language.
    params = {
        "program": existing.program,
        "number": existing.number,
        "date": existing.incident_date,
        "status": Status(existing.status).label,
    }
    if existing.is_death:
        return error(
            "claim_duplicate",
            "Kematian orang ini sudah diklaim untuk program {program}: klaim {number} "
            "(meninggal {date}, status {status}). Seseorang meninggal sekali: lanjutkan klaim "
            "itu, atau tolak salah satunya jika keliru.",
            "This person's death is already claimed under {program}: claim {number} (died "
            "{date}, status {status}). A person dies once: continue with that claim, or reject "
            "one of them if it is wrong.",
            **params,
        )
    return error(
        "claim_duplicate",
        "Kejadian ini sudah diklaim untuk program {program}: klaim {number} (tanggal {date}, "
        "status {status}). Satu kejadian hanya dapat diklaim sekali: lanjutkan klaim itu, atau "
        "tolak salah satunya jika keliru.",
        "This event is already claimed under {program}: claim {number} (on {date}, status "
        "{status}). An event can be claimed only once: continue with that claim, or reject one "
        "of them if it is wrong.",
        **params,
    )


def require_no_duplicate(
    *, nik: str, program: str, event: str, incident_date: dt.date, exclude_id: int | None = None
) -> None:
    existing = standing_duplicate(
        nik=nik, program=program, event=event, incident_date=incident_date, exclude_id=exclude_id
    )
    if existing is not None:
        raise duplicate_error(existing)
