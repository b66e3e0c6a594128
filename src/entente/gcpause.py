"""Pausing Python's cyclic garbage collector around work that makes many objects and frees them itself."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused(pause: bool = True) -> Iterator[None]:
    """The cyclic garbage collector off while this runs, back on (as it was) after, also on an error.

    For work whose objects live until it ends and are then freed by reference counting (a document's
    tokens and mentions, a merge's facts): collections in the middle find almost nothing to free, yet walk
    every young object and promote it to older generations, walked again there.  The allocation count
    carries over, so the first allocation afterwards collects as usual: cyclic garbage waits one run.
    ``pause=False``: leave the collector as it is."""
    if not pause or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
