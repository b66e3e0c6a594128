"""The hostile corpus: every bad input gets its defined outcome; nothing crashes or is lost."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from hostile.make_corpus import EXPECTED, write


@pytest.fixture(scope="module")
def outcome(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    write(folder)
    out = folder.parent / "hostile.jsonl"
    res = subprocess.run(
        [sys.executable, "-m", "entente.cli", "extract", str(folder), "--out", str(out), "--max-chars", "60000"],
        capture_output=True, text=True, timeout=600,
    )
    records = {json.loads(x)["doc"]["name"]: json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()}
    errors = {}
    for line in res.stderr.splitlines():
        m = re.match(r"\s*✗ (.+?): (.*)$", line)
        if m:
            errors[m.group(1).rsplit("/", 1)[-1]] = m.group(2)
    return res, records, errors, folder


def test_exit_code_tells_of_failures(outcome):
    res, _, _, _ = outcome
    assert res.returncode == 1
    assert "Traceback" not in res.stderr
    assert "extraction failed" not in res.stderr


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_input_has_its_defined_outcome(outcome, name):
    _, records, errors, _ = outcome
    kind, phrase = EXPECTED[name]
    if kind == "any":
        assert (name in records) != (name in errors), f"{name} must be a record or an error"
        return
    if kind == "record":
        assert name in records, f"{name}: expected a record, got error {errors.get(name)!r}"
        assert phrase in " | ".join(records[name]["warnings"]), records[name]["warnings"]
    else:
        assert name in errors, f"{name}: expected an error, records has it: {name in records}"
        assert phrase in errors[name]


def test_records_are_valid_and_spans_check(outcome):
    from entente.read import read_path
    from entente.record import Record, span_errors

    _, records, _, folder = outcome
    texts = {}
    for path in folder.iterdir():
        for item in read_path(str(path), max_chars=60000):
            if hasattr(item, "text"):
                texts[item.name] = item.text
    for name, data in records.items():
        record = Record.model_validate(data)
        assert span_errors(record, texts[name]) == [], name
