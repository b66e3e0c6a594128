"""Rows of a TSV data file as models: the cells, in the order of the fields, become the fields."""

from __future__ import annotations

from typing import Any

from pydantic import model_validator

from .. import DataContract


class Row(DataContract):
    """A TSV row: cell ``i`` is field ``i`` (after ``about``).  Missing trailing cells take the field's
    default; more cells than fields is an error, as an unknown key is in a JSON file."""

    @model_validator(mode="before")
    @classmethod
    def _from_cells(cls, value: Any) -> Any:
        if not isinstance(value, list):
            return value
        names = [n for n in cls.model_fields if n != "about"]
        if len(value) > len(names):
            raise ValueError(f"{len(value)} cells, at most {len(names)} expected ({', '.join(names)}): {value}")
        return {name: cell for name, cell in zip(names, value, strict=False)}


def bars(cell: Any) -> Any:
    """A ``|``-separated cell as a tuple of its non-empty parts."""
    return tuple(x for x in cell.split("|") if x) if isinstance(cell, str) else cell
