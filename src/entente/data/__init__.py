"""Curated knowledge, as data files: countries, titles, honorifics, lexicons, rates.

Every data file has a contract: a Pydantic model in ``entente.data.contracts.<stem>`` (the file's name
without its extension, ``-`` read as ``_``) named ``Contract``, which rejects unknown keys.  Code reads a
data file through :func:`load`, which validates it once and returns the model; a misspelt key or a value
of the wrong shape is an error naming the file, never silently ignored.  ``tests/test_data_contracts.py``
loads every file, and a file without a contract fails it.  TSV files are given to their contract as
``{"rows": [[cell, ...], ...]}`` (``contracts._rows.Row`` reads a row's cells as its fields, in order).
:func:`load` is the only reader: no module opens a data file itself.
"""

from __future__ import annotations

import importlib
import json
from functools import cache
from importlib import resources
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError


class DataContract(BaseModel):
    """Base of every data file's contract: unknown keys are errors, models are frozen.

    A file's ``"_about"`` (what it holds and where its facts come from) is read as ``about``.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    about: str = Field("", alias="_about")


class DataFileError(ValueError):
    """A data file that does not meet its contract (or has none)."""


# The packages that ship data files: curated knowledge here, the benchmark generator's templates and people
# next to its code (``entente.bench``).  Their contracts all live in ``entente.data.contracts``.
DATA_PACKAGES = (__package__, "entente.bench")


def _path(name: str, package: str):
    return resources.files(package).joinpath(name)


def _stem(name: str, package: str) -> str:
    """The contract module of a file: its stem, prefixed by the package's last name outside this package
    (``entente.bench``'s ``templates.json`` -> ``bench_templates``)."""
    stem = name.rsplit(".", 1)[0].replace("-", "_")
    return stem if package == __package__ else f"{package.rsplit('.', 1)[-1]}_{stem}"


def contract_for(name: str, package: str = __package__) -> type[DataContract]:
    stem = _stem(name, package)
    try:
        module = importlib.import_module(f"{__package__}.contracts.{stem}")
    except ModuleNotFoundError as err:
        raise DataFileError(f"data file {name}: no contract (entente.data.contracts.{stem})") from err
    return module.Contract


@cache
def load(name: str, package: str = __package__) -> Any:
    """The data file ``name`` of ``package`` (one of :data:`DATA_PACKAGES`) validated by its contract (cached:
    each file is read and checked once)."""
    contract = contract_for(name, package)
    where = name if package == __package__ else f"{package}/{name}"
    try:
        raw: Any = {"rows": _read_rows(name, package)} if name.endswith(".tsv") else _read_json(name, package)
        return contract.model_validate(raw)
    except ValidationError as err:
        raise DataFileError(f"data file {where} does not meet its contract:\n{err}") from err
    except (OSError, ValueError) as err:
        raise DataFileError(f"data file {where} cannot be read: {err}") from err


def _read_json(name: str, package: str) -> Any:
    return json.loads(_path(name, package).read_text(encoding="utf-8"))


def _read_rows(name: str, package: str) -> list[list[str]]:
    """Rows of a tab-separated data file; ``#`` lines and blank lines skipped."""
    rows = []
    for line in _path(name, package).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.rstrip("\n").split("\t"))
    return rows


def data_files(package: str = __package__) -> list[str]:
    """The names of every data file (JSON and TSV) shipped in ``package`` (default: this one)."""
    return sorted(p.name for p in resources.files(package).iterdir() if p.name.endswith((".json", ".tsv")))
