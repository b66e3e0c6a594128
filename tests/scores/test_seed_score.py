"""The seed score never falls below the floor kept in tests/score_floor.json."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT


def test_seed_score_floor(shared, tmp_path):
    out = tmp_path / "seeds.jsonl"
    subprocess.run([sys.executable, "-m", "entente.cli", "extract", str(shared / "seeds"), "--out", str(out)], check=True)
    result = subprocess.run(
        [sys.executable, str(shared / "eval" / "score.py"), str(shared / "gold" / "seeds.gold.json"), str(out), "--json"],
        check=True, capture_output=True, text=True,
    )
    scored = json.loads(result.stdout.splitlines()[0])
    floor = json.loads((ROOT / "tests" / "score_floor.json").read_text())
    f1 = {row["category"]: row["f1"] for row in scored["categories"]}
    assert scored["score"] >= floor["score"], scored
    for category, minimum in floor.items():
        if category in f1:
            assert f1[category] >= minimum, (category, f1[category], minimum)
    titles = scored["agreement_titles"]
    assert titles["gold_titled"] >= 5, titles  # the seeds' gold names its instruments
    assert titles["recall"] >= floor["title_recall"]["seeds"], titles


def test_seed_records_have_valid_spans(shared, extractor):
    from entente.read import read_paths
    from entente.record import span_errors

    docs = list(read_paths([str(shared / "seeds")]))
    assert len(docs) == 5
    for doc in docs:
        record = extractor.extract(doc)
        assert span_errors(record, doc.text) == []
        assert record.relations, doc.name
