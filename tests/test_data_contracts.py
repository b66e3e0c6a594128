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


def test_kb_merge_settings_are_read_through_their_contract():
    from entente.kb.rules import settings

    cfg = settings()
    assert cfg is load("kb_merge.json") and cfg.event_window_days >= 0
    contract = contract_for("kb_merge.json")
    raw = cfg.model_dump(by_alias=True)
    with pytest.raises(ValidationError):  # status ranks live in entente.record, not here
        contract.model_validate({**raw, "status_rank": {"occurred": 6}})
    with pytest.raises(ValidationError):
        contract.model_validate({**raw, "agreement_done": ["signed", "inforce"]})
