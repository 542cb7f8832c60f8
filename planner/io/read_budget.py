"""The bound every candidate file is read within — 30 s and 1.5 GB — enforced while reading.

The size fences of :mod:`planner.io.file_limits` refuse what is obviously too big. This
module keeps the promise for what gets past them:

* **time**: :func:`reading` starts a deadline for one import; the readers' loops (CSV
  records, XML chunks and elements, binary records, sheets, data rows) call
  :func:`check_time`, which raises the documented :class:`ImportProblemError`
  ("reading took longer than 30 s …") once it has passed. calamine itself cannot be
  interrupted, so what it is given is bounded beforehand by the extent and memory checks.
* **memory**: before calamine loads a sheet, :func:`check_memory` estimates what it will
  allocate — every cell of the used range (calamine's cell and the Python value
  ``to_python`` makes of it) and every copy of a shared string (calamine copies the text
  into each cell that shows it, and Python copies it again) — and refuses the sheet when
  the estimate is over the budget.

No process-wide limit is set: the app must never be killed for a file.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from planner.errors import ImportProblemError

READ_SECONDS = 30.0
READ_BYTES = 1_500_000_000
# calamine's cell (32 bytes) + the list slot and value to_python makes of it (a float is 24 bytes,
# a short text about 60) + headroom for the reader's own copies.
CELL_BYTES = 128
STRING_COPIES = 2  # calamine's copy of a shared string in each cell, and Python's


@dataclass
class Deadline:
    """When an import must be done; ``clock`` is injectable so tests need not wait."""

    where: str
    seconds: float = READ_SECONDS
    clock: Callable[[], float] = time.monotonic
    start: float = field(init=False)

    def __post_init__(self) -> None:
        self.start = self.clock()

    def check(self) -> None:
        if self.clock() - self.start > self.seconds:
            raise ImportProblemError(
                f"{self.where}: reading took longer than {self.seconds:g} s: too big or too complex for a "
                "candidate list (split the file, or keep only the candidates' sheet and columns)"
            )


_DEADLINE: ContextVar[Deadline | None] = ContextVar("import_deadline", default=None)


@contextmanager
def reading(where: str, seconds: float = READ_SECONDS, clock: Callable[[], float] = time.monotonic) -> Iterator[None]:
    """Run one import under a deadline (nested calls keep the outer one)."""
    if _DEADLINE.get() is not None:
        yield
        return
    token = _DEADLINE.set(Deadline(where, seconds, clock))
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def check_time() -> None:
    """Raise :class:`ImportProblemError` when the current import's deadline has passed."""
    deadline = _DEADLINE.get()
    if deadline is not None:
        deadline.check()


def memory_estimate(cells: int, string_bytes: int = 0) -> int:
    """Bytes calamine and ``to_python`` need for ``cells`` cells holding ``string_bytes`` of shared text."""
    return cells * CELL_BYTES + string_bytes * STRING_COPIES


def check_memory(where: str, cells: int, string_bytes: int = 0) -> None:
    """Refuse a read whose estimated memory is over :data:`READ_BYTES`."""
    need = memory_estimate(cells, string_bytes)
    if need > READ_BYTES:
        texts = f" and {string_bytes / 1e6:,.0f} MB of repeated text" if string_bytes else ""
        raise ImportProblemError(
            f"{where}: reading would take about {need / 1e9:,.1f} GB of memory ({cells:,} cells{texts}); a "
            f"candidate list is read within {READ_BYTES / 1e9:g} GB: split the file or remove what the import "
            "does not need"
        )
