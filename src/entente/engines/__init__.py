"""Ingest engines beyond the single process: :mod:`.local` (worker processes on one
machine) and :mod:`.ray_engine` (a Ray cluster).  Both store through the same
:func:`entente.kb.ingest.ingest`, so the resulting KB is the same as a plain ingest."""
