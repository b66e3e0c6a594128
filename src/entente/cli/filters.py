"""The document filters ``documents`` and ``search`` share: a date range and a ``--pair``.

Checked before any work starts, like the other options (:mod:`entente.cli.options`): a range that
ends before it starts, or a ``--pair`` that is not two countries, ends the command with exit 2.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import typer

from .options import split_countries


def check_date_range(since: str | None, until: str | None) -> None:
    """``--until`` before ``--since`` is an error (both already checked ``YYYY-MM-DD`` days)."""
    if since and until and since > until:
        raise typer.BadParameter(f"{until} is before --since {since}", param_hint="--until")


def pair_codes(pair: str | None) -> list[str]:
    """``--pair JPN-MYS`` (or ``JPN/MYS``, ``Japan,Malaysia``) as its two country words; ``[]`` without one."""
    codes = split_countries([pair.replace("-", " ").replace("/", " ")]) if pair else []
    if pair and len(codes) != 2:
        raise typer.BadParameter(f"{pair!r} is not two countries (e.g. JPN-MYS)", param_hint="--pair")
    return codes


def resolved_pair(codes: list[str], resolve: Callable[[str], str]) -> tuple[str, str] | None:
    """The pair of :func:`pair_codes` as sorted ISO3 codes (``resolve``: a country word to its code)."""
    return tuple(sorted(resolve(c) for c in codes)) if codes else None  # type: ignore[return-value]


def resolved_country(country: str | None, resolve: Callable[[str], str]) -> str | None:
    return resolve(country) if country else None


def document_filters(
    codes: list[str],
    country: str | None,
    outlet: str | None,
    since: str | None,
    until: str | None,
    resolve: Callable[[str], str],
) -> dict[str, Any]:
    """The keyword filters ``list_documents`` and ``SearchFilters`` both take, countries resolved."""
    return {
        "pair": resolved_pair(codes, resolve),
        "country": resolved_country(country, resolve),
        "outlet": outlet,
        "since": since,
        "until": until,
    }
