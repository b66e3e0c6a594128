"""A per-document time budget: the longest one document may take to read (HTML main text) or to extract.

The size limits (bytes before parsing, HTML elements before main-text extraction, ``max_chars`` on the
text) bound most of the cost; the budget is the safety net for whatever input still makes a step slow.
It is ``$ENTENTE_DOC_BUDGET`` seconds (default :data:`DEFAULT_SECONDS`; 0 turns it off) and is enforced
with ``SIGALRM`` where that is possible: in the main thread of a process on POSIX (the command line and
the worker processes of ``ingest --workers``).  Elsewhere (the web server's threads) it is not enforced
and the size limits alone bound the cost.  A document over budget fails with :class:`BudgetExceeded`,
which names the step and the budget; the batch goes on with the next document.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

BUDGET_ENV = "ENTENTE_DOC_BUDGET"
DEFAULT_SECONDS = 60.0


class BudgetExceeded(Exception):
    """A document took longer than the per-document budget."""


class _Alarm(BaseException):
    """Raised by the alarm: a BaseException, so that no ``except Exception`` of the code running (trafilatura
    has many) swallows it; :func:`time_budget` turns it into :class:`BudgetExceeded` at its edge."""


def budget_seconds() -> float:
    try:
        return float(os.environ.get(BUDGET_ENV) or DEFAULT_SECONDS)
    except ValueError:
        return DEFAULT_SECONDS


def _enforceable() -> bool:
    return (hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
            and signal.getitimer(signal.ITIMER_REAL)[0] == 0)  # (no timer of someone else's running)


@contextmanager
def time_budget(what: str, seconds: float | None = None) -> Iterator[None]:
    """Raise :class:`BudgetExceeded` in this block once it has run ``seconds`` (default :func:`budget_seconds`)."""
    seconds = budget_seconds() if seconds is None else seconds
    if seconds <= 0 or not _enforceable():
        yield
        return

    def over(signum, frame) -> None:
        raise _Alarm

    previous = signal.signal(signal.SIGALRM, over)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Alarm:
        raise BudgetExceeded(f"{what} took longer than {seconds:g}s (the per-document budget, "
                             f"${BUDGET_ENV})") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
