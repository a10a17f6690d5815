"""Which state may follow which: one helper for every record with a life cycle (import batches,
claims, bills), so a newcomer reads each life cycle as one table beside its model."""

from collections.abc import Callable, Iterable, Mapping


class Transitions:
    """A table `state -> states that may follow it`; a state missing from the table is final."""

    def __init__(self, table: Mapping[str, Iterable[str]]):
        self._next = {str(state): frozenset(map(str, after)) for state, after in table.items()}

    def allows(self, before: str, to: str) -> bool:
        return str(to) in self._next.get(str(before), frozenset())

    def check(self, before: str, to: str, *, error: Callable[[], Exception]) -> None:
        """Raise `error()` (a domain error naming the record and its state) unless allowed."""
        if not self.allows(before, to):
            raise error()

    def sources(self, to: str) -> frozenset[str]:
        """The states from which `to` may be reached (what a page offers the button for)."""
        return frozenset(state for state, after in self._next.items() if str(to) in after)
