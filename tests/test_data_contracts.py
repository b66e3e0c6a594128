"""Every data file meets its contract (``entente.data.contracts``), loaded through ``entente.data.load``."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from entente.data import DataContract, DataFileError, contract_for, data_files, load


def _with_contract() -> list[str]:
    names = []
    for name in data_files():
        try:
            contract_for(name)
        except DataFileError:
            continue
        names.append(name)
    return names


@pytest.mark.parametrize("name", _with_contract())
def test_data_file_meets_its_contract(name):
    assert isinstance(load(name), DataContract)


def test_unknown_keys_are_errors():
    contract = contract_for("chairs.json")
    with pytest.raises(ValidationError):
        contract.model_validate({"ASEAN": {}, "G20": {}, "APEC": {}, "APCE": {}})


def test_a_file_without_a_contract_is_an_error():
    with pytest.raises(DataFileError, match="no contract"):
        contract_for("no_such_file.json")
