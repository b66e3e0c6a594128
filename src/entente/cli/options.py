"""Options shared by the commands, and the checks their values get before any work starts.

Dates are checked here, like the API checks them: a value that is not a real ``YYYY-MM-DD`` day
(``01/02/2023``, ``2023-13-45``, ``tomorrow``) ends the command with one line naming the option
and the expected form, exit 2 (see :mod:`entente.cli.app`).
"""

import datetime as dt
import re
from typing import Annotated, Literal

import typer

DAY_FORM = "YYYY-MM-DD"
PUBLISHED_FORM = "YYYY, YYYY-MM or YYYY-MM-DD"
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_PARTIAL = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def check_day(value: str | None) -> str | None:
    """A real calendar day written ``YYYY-MM-DD`` (else :class:`typer.BadParameter`)."""
    if value is None:
        return None
    if not _DAY.fullmatch(value):
        raise typer.BadParameter(f"{value!r} is not a date (expected {DAY_FORM})")
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a real day (expected {DAY_FORM})") from None
    return value


def check_published(value: str | None) -> str | None:
    """A publication date as the record writes one: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, all real."""
    if value is None:
        return None
    if not _PARTIAL.fullmatch(value):
        raise typer.BadParameter(f"{value!r} is not a date (expected {PUBLISHED_FORM})")
    try:
        dt.date.fromisoformat((value + "-01-01")[:10])
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a real date (expected {PUBLISHED_FORM})") from None
    return value


def day(value: str | None) -> dt.date | None:
    """A checked ``YYYY-MM-DD`` option as a date."""
    return dt.date.fromisoformat(value) if value else None


DbOption = Annotated[
    str | None, typer.Option("--db", help="KB path or SQLAlchemy URL (default $ENTENTE_DB or ./entente.db).")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
CsvOption = Annotated[
    bool, typer.Option("--csv", help="Print CSV (a header, then one row per item) instead of tables.")
]
SinceOption = Annotated[
    str | None, typer.Option(callback=check_day, help=f"Only from this date ({DAY_FORM}, inclusive).")
]
UntilOption = Annotated[
    str | None, typer.Option(callback=check_day, help=f"Only up to this date ({DAY_FORM}, inclusive).")
]
TodayOption = Annotated[
    str | None,
    typer.Option(callback=check_day, help=f"Date for deadline states ({DAY_FORM}; default: today)."),
]
PublishedOption = Annotated[
    str | None,
    typer.Option(callback=check_published, help=f"Publication date for every input ({PUBLISHED_FORM})."),
]

Mode = Literal["table", "json", "csv"]
MAX_WORKERS = 256  # processes --workers may start (each holds a pipeline or a server: ~0.5 GB)
MAX_ROWS = (
    1_000_000_000  # the largest --limit / --offset (a bigger number is no page, and overflows SQL integers)
)


def output_mode(as_json: bool, as_csv: bool) -> Mode:
    if as_json and as_csv:
        raise typer.BadParameter("choose one of --json and --csv", param_hint="--csv")
    return "json" if as_json else "csv" if as_csv else "table"


def split_countries(values: list[str] | None) -> list[str]:
    """``--partners "JPN KOR" --partners USA,CHN`` → ``["JPN", "KOR", "USA", "CHN"]``."""
    return [p for item in values or [] for p in item.replace(",", " ").split()]
