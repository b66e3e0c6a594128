"""Curated knowledge, as data files: countries, titles, honorifics, lexicons, rates."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


def data_path(name: str):
    return resources.files(__package__).joinpath(name)


@cache
def load_json(name: str) -> Any:
    return json.loads(data_path(name).read_text(encoding="utf-8"))


def read_rows(name: str) -> list[list[str]]:
    """Rows of a tab-separated data file; ``#`` lines and blank lines skipped."""
    rows = []
    for line in data_path(name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.rstrip("\n").split("\t"))
    return rows
