"""What a JKK `disability` claim is paid on: total permanent disability (CTT) or a partial one,
anatomical or functional, with the percentages from the doctor's statement (rules.md §4.3).

The services call `disability_fields` whenever these are entered or corrected, so a wrong
percentage is refused when it is typed; the rules check it again when the benefit is computed.
A partial claim may be entered before the doctor's statement arrives (tahap II comes after
it): the percentages can stay blank until then, and the decision says they are missing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from cakupan.claims.common import error
from cakupan.claims.models import DisabilityKind, Event
from cakupan.rules.benefits import partial_disability_percentages
from cakupan.rules.benefits.partial_disability import require_percent

FIELDS = ("disability_kind", "disability_table_percent", "function_lost_percent")

# The model stores two decimal places ("2,5 %" in the statement fits; "2,555 %" is a typo).
PLACES = Decimal("0.01")


def _places(value: Decimal | None) -> None:
    if value is not None and value != value.quantize(PLACES):
        raise error(
            "disability_percent_places",
            "Persen cacat paling banyak dua angka di belakang koma (diberikan {value}).",
            "A disability percentage has at most two decimal places (got {value}).",
            value=str(value),
        )


def disability_fields(
    *,
    event: str,
    day: dt.date,
    kind: str | None = "",
    table_percent=None,
    function_lost_percent=None,
) -> dict:
    """The three claim fields for `event` on `day`, checked. A `disability` claim without a
    kind is total permanent disability, as every disability claim was before partial ones."""
    kind = kind or ""
    given = kind or table_percent is not None or function_lost_percent is not None
    if event != Event.DISABILITY:
        if given:
            raise error(
                "disability_not_this_event",
                "Jenis dan persen cacat hanya diisi untuk kejadian cacat tetap.",
                "The disability kind and percentages are only for a permanent disability event.",
            )
        return dict.fromkeys(FIELDS) | {"disability_kind": ""}
    kind = kind or DisabilityKind.TOTAL
    if kind not in DisabilityKind.values:
        raise error("disability_kind", "Jenis cacat tidak dikenal.", "Unknown disability kind.")
    if kind == DisabilityKind.TOTAL and (
        table_percent is not None or function_lost_percent is not None
    ):
        raise error(
            "disability_percent_total",
            "Persen tabel dan persen fungsi hanya diisi untuk cacat sebagian; cacat total tetap "
            "dihitung dengan persen yang tetap.",
            "The table and function percentages are only for a partial disability; total "
            "permanent disability is computed with a fixed percentage.",
        )
    if kind == DisabilityKind.ANATOMICAL and function_lost_percent is not None:
        raise error(
            "disability_function_anatomical",
            "Persen fungsi yang hilang hanya untuk cacat sebagian fungsi.",
            "The percentage of function lost is only for a functional partial disability.",
        )
    table = function = None
    if table_percent is not None:
        table, _none = partial_disability_percentages(date=day, table_percent=table_percent)
    if function_lost_percent is not None:
        function = require_percent("function_lost_percent", function_lost_percent)
    _places(table)
    _places(function)
    return {
        "disability_kind": str(kind),
        "disability_table_percent": table,
        "function_lost_percent": function,
    }
