"""Every data file meets its contract (``entente.data.contracts``), loaded through ``entente.data.load``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from entente.data import DATA_PACKAGES, DataContract, DataFileError, contract_for, data_files, load

SRC = Path(__file__).resolve().parents[1] / "src" / "entente"


ALL_FILES = [(package, name) for package in DATA_PACKAGES for name in data_files(package)]


@pytest.mark.parametrize(("package", "name"), ALL_FILES)
def test_data_file_meets_its_contract(package, name):
    """Every file in ``src/entente/data/`` (and the bench's): a file without a contract fails here."""
    assert isinstance(load(name, package), DataContract)


def test_every_data_file_is_tested():
    names = data_files()
    assert {n.rsplit(".", 1)[1] for n in names} == {"json", "tsv"}
    assert {"leaders.json", "countries.tsv", "temporal.json"} <= set(names)
    assert data_files("entente.bench") == ["people.tsv", "templates.json"]  # next to the bench code


def test_unknown_keys_are_errors():
    contract = contract_for("chairs.json")
    with pytest.raises(ValidationError):
        contract.model_validate({"ASEAN": {}, "G20": {}, "APEC": {}, "APCE": {}})


def test_a_file_without_a_contract_is_an_error():
    with pytest.raises(DataFileError, match="no contract"):
        contract_for("no_such_file.json")


def _raw(name: str, folder: str = "data") -> dict:
    """A data file as written (to make broken copies of it)."""
    return json.loads((SRC / folder / name).read_text(encoding="utf-8"))


def test_a_misspelt_key_deep_in_a_file_is_an_error():
    raw = _raw("leaders.json")
    leader = dict(raw["leaders"][0])
    leader["roles"] = [{**leader["roles"][0], "aproximate": True}]
    with pytest.raises(ValidationError, match="aproximate"):
        contract_for("leaders.json").model_validate({**raw, "leaders": [leader]})
    venues = _raw("venues.json")
    with pytest.raises(ValidationError):
        contract_for("venues.json").model_validate({**venues, "places": [{"name": "X", "country": "MYS",
                                                                           "kind": "village"}]})


def test_a_leaders_term_is_checked():
    raw = _raw("leaders.json")
    leader = dict(raw["leaders"][0])
    backwards = {"role": "head_of_state", "title": "President", "start": "2020-01-02", "end": "2019-01-01"}
    with pytest.raises(ValidationError, match="before it starts"):
        contract_for("leaders.json").model_validate({**raw, "leaders": [{**leader, "roles": [backwards]}]})
    with pytest.raises(ValidationError):  # roles are the three the tenure table knows
        contract_for("leaders.json").model_validate(
            {**raw, "leaders": [{**leader, "roles": [{**backwards, "role": "monarch", "end": None}]}]}
        )


def test_a_tsv_row_with_a_cell_too_many_is_an_error():
    contract = contract_for("countries.tsv")
    row = contract.model_validate({"rows": [["JPN", "Japan|Nippon", "", "Japanese"]]}).rows[0]
    assert (row.iso3, row.names, row.aliases, row.demonyms) == ("JPN", ("Japan", "Nippon"), (), ("Japanese",))
    assert contract.model_validate({"rows": [["FRA", "France"]]}).rows[0].demonyms == ()
    with pytest.raises(ValidationError, match="cells"):
        contract.model_validate({"rows": [["JPN", "Japan", "", "Japanese", "extra"]]})
    with pytest.raises(ValidationError):
        contract.model_validate({"rows": [["Jpn", "Japan"]]})  # not an ISO alpha-3 code
    with pytest.raises(ValidationError, match="twice"):
        contract.model_validate({"rows": [["JPN", "Japan"], ["JPN", "Nippon"]]})
    with pytest.raises(ValidationError):
        contract_for("people.tsv", "entente.bench").model_validate({"rows": [["MYS", "Kuala Lumpur", "PM"]]})


def test_vocabularies_come_from_the_record():
    """Kinds, statuses and areas named by a data file are the SPEC ones of ``entente.record``."""
    plover = _raw("plover.json")
    with pytest.raises(ValidationError):
        contract_for("plover.json").model_validate({**plover, "done_statuses": ["occured"]})
    with pytest.raises(ValidationError):
        contract_for("plover.json").model_validate({**plover, "area_contexts": {"defense": "military"}})
    metrics = _raw("figure_metrics.json")
    with pytest.raises(ValidationError):
        contract_for("figure_metrics.json").model_validate({**metrics, "rank_nouns": {"partner": "trade_rnk"}})


def test_templates_and_holidays_are_checked():
    templates = _raw("templates.json", "bench")
    with pytest.raises(ValidationError, match="format string"):
        contract_for("templates.json", "entente.bench").model_validate({**templates, "closing": ["{A met {B}."]})
    temporal = _raw("temporal.json")
    with pytest.raises(ValidationError):
        contract_for("temporal.json").model_validate({**temporal, "holidays": {"Christmas": "25 December"}})
    with pytest.raises(ValidationError, match="twelve months"):
        contract_for("temporal.json").model_validate({**temporal, "months": {"January": 1}})


def test_no_module_reads_a_data_file_around_the_loader():
    """A data file's name in code stands only as ``load("name")`` (``entente.data`` is the only reader)."""
    names = "|".join(re.escape(n) for _, n in ALL_FILES)
    bare = re.compile(rf"(?<!load\()[\"'](?:{names})[\"']")
    offenders = [
        f"{path.relative_to(SRC)}:{i}"
        for path in SRC.rglob("*.py")
        if "data" not in path.relative_to(SRC).parts[:1]
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if bare.search(line)
    ]
    assert offenders == []


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


def test_the_month_names_are_one_list():
    """``temporal.json`` holds the month names; the person finder's stop words take them from there."""
    from entente.extract.people.words import plain_stop
    from entente.extract.temporal_scan import calendar_words, month_number

    assert (month_number("Sept."), month_number("JAN"), month_number("december")) == (9, 1, 12)
    assert month_number("Mayday") is None
    assert "months" not in contract_for("person_words.json").model_fields
    assert {"january", "sept", "monday"} <= calendar_words() <= plain_stop()
