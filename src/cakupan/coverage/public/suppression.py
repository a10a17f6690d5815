"""Small-count suppression for published coverage tables: pure functions, no Django.

A count of 1–4 could single a person out ("the one BPU worker covered in Desa X"), so the
public dashboard shows it as "< 5" (primary suppression). Hiding it is not enough when the
table also shows its total: total − the shown cells would give it back. So more cells are
hidden (complementary suppression, shown as "×") until no hidden count of 1–4 can be worked out
from the total, the shown cells and what a reader knows of the rule itself: a "< 5" cell is
1–4, a "×" cell is at least 5 and at most the smallest shown cell (complements are taken
smallest first). Taking only "exactly one hidden cell → hide the next smallest" is not enough:
"< 5" beside "×" with 6 between them can only be 1 and 5.

Zero is shown as 0: it describes nobody (no one can be singled out of an empty group), a reader
needs to see where nobody is covered yet, and hiding zeros as complements would protect nothing
(a hidden 0 beside a hidden 1–4 still leaves the small cell's sum known). So complements are
always non-zero cells.

The same pattern must hold across linked tables: a kecamatan hidden as a complement in the
regency table has its own page, whose headline and desa table would otherwise give its count
back. `suppress_tree` therefore computes one pattern per regency and month for every region,
used by every page of that month.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping

THRESHOLD = 5
PRIMARY = "primary"
COMPLEMENT = "complement"
_REST = object()  # the part of a total no cell holds (e.g. persons without a desa): never shown
_INFINITE = float("inf")


def suppress(
    counts: Mapping[Hashable, int],
    *,
    total: int | None = None,
    total_hidden: bool = False,
    hidden: Mapping[Hashable, str] | None = None,
    threshold: int = THRESHOLD,
) -> dict[Hashable, str]:
    """How to show each cell of one table: "" (its number), PRIMARY ("< 5") or COMPLEMENT ("×").

    `total` is the table's total when it is shown beside the cells (None when it is not, or
    when it is itself hidden: pass `total_hidden=True` then, and at least one non-zero cell is
    hidden so that the cells do not add up to it). `hidden` carries cells already hidden by a
    linked table. A total larger than the sum of the cells leaves an unshown rest that a reader
    cannot know, which also protects.
    """
    status: dict[Hashable, str] = {k: "" for k in counts}
    for key, value in counts.items():
        if 0 < value < threshold:
            status[key] = PRIMARY
    for key, kind in (hidden or {}).items():
        # a linked table may only make a cell more hidden: "" < PRIMARY < COMPLEMENT
        if key in status and (kind == COMPLEMENT or (kind and not status[key])):
            status[key] = kind
    if total is None:
        if total_hidden and not any(status[k] for k, v in counts.items() if v):
            _hide_next(counts, status)
        return status
    rest = max(0, total - sum(counts.values()))
    while _recoverable(counts, status, total, rest, threshold):
        if not _hide_next(counts, status):
            # Every non-zero cell is hidden and the small ones still follow from the total
            # (e.g. 4 + 4 = 8): show them all as "×", so none is known to be 1–4.
            for key, kind in status.items():
                if kind == PRIMARY:
                    status[key] = COMPLEMENT
            break
    return status


def _hide_next(counts: Mapping[Hashable, int], status: dict[Hashable, str]) -> bool:
    shown = sorted((v, str(k), k) for k, v in counts.items() if v and not status[k])
    if not shown:
        return False
    status[shown[0][2]] = COMPLEMENT
    return True


def _recoverable(counts, status, total: int, rest: int, threshold: int) -> bool:
    """Whether some "< 5" cell has only one value consistent with what the page shows."""
    primaries = [k for k, s in status.items() if s == PRIMARY]
    if not primaries:
        return False
    shown = [v for k, v in counts.items() if v and not status[k]]
    ceiling = min(shown) if shown else _INFINITE
    bounds = {}
    for key, kind in status.items():
        if kind == PRIMARY:
            bounds[key] = (1, threshold - 1)
        elif kind == COMPLEMENT:
            bounds[key] = (threshold, ceiling)
    if rest:
        bounds[_REST] = (0, _INFINITE)
    hidden_sum = total - sum(v for k, v in counts.items() if not status[k])
    for key in primaries:
        others_low = sum(b[0] for k, b in bounds.items() if k != key)
        others_high = sum(b[1] for k, b in bounds.items() if k != key)
        low = max(1, hidden_sum - others_high)
        high = min(threshold - 1, hidden_sum - others_low)
        if high <= low:
            return True
    return False


def suppress_tree(
    totals: Mapping[str, int],
    children: Mapping[str, list[str]],
    *,
    threshold: int = THRESHOLD,
) -> dict[str, str]:
    """One suppression pattern for a region tree (regency → kecamatan → desa) and one month.

    `totals` holds every region's count (a missing region counts 0); `children` each parent's
    child codes, parents listed before their children. A region hidden in its parent's table is
    hidden on its own page too, and then at least one of its children is hidden so that they do
    not add up to it; the loop runs until no table changes.
    """
    status = {code: PRIMARY if 0 < n < threshold else "" for code, n in totals.items()}
    changed = True
    while changed:
        changed = False
        for parent, kids in children.items():
            if not kids:
                continue
            counts = {k: totals.get(k, 0) for k in kids}
            parent_hidden = bool(status.get(parent))
            pattern = suppress(
                counts,
                total=None if parent_hidden else totals.get(parent, 0),
                total_hidden=parent_hidden,
                hidden={k: status.get(k, "") for k in kids},
                threshold=threshold,
            )
            for key, kind in pattern.items():
                if kind != status.get(key, ""):
                    status[key] = kind
                    changed = True
    return status


def shown_text(value: int, kind: str, number) -> str:
    """The text of a cell: its number, "< 5" or "×" (`number` formats the number)."""
    if kind == PRIMARY:
        return f"< {THRESHOLD}"
    if kind == COMPLEMENT:
        return "×"
    return number(value)
