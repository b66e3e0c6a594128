"""Our own dev set (tests/devset, gold tests/gold/devset.gold.json) never scores below its floor.

The floor is `devset_score` in tests/score_floor.json; raise it as extraction improves.
The gold file itself is checked for shape so that a broken annotation fails loudly.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT, SHARED

DEVSET = ROOT / "tests" / "devset"
GOLD = ROOT / "tests" / "gold" / "devset.gold.json"
SCORER = SHARED / "eval" / "score.py"
CATEGORIES = {"events", "levels", "agreements", "figures"}


def test_devset_gold_covers_every_article():
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    assert gold["schema"] == "entente.gold/1"
    names = {p.name for p in DEVSET.glob("*.txt")}
    assert len(names) >= 14
    assert set(gold["docs"]) == names
    negatives = [name for name, doc in gold["docs"].items() if doc["relations"] == {}]
    assert len(negatives) >= 3, negatives
    for name, doc in gold["docs"].items():
        assert len(doc["published"]["date"]) in (4, 7, 10), name
        for key, rel in doc["relations"].items():
            assert key == "-".join(sorted(key.split("-"))), (name, key)
            assert set(rel) >= CATEGORIES | {"areas"}, (name, key)
            for category in CATEGORIES:
                for item in rel[category]:
                    field = "level" if category == "levels" else "metric" if category == "figures" else "kind"
                    assert isinstance(item[field], list) and item[field], (name, key, category, item)


def test_devset_score_floor(tmp_path):
    if not SCORER.is_file():
        pytest.skip(f"scorer not found at {SCORER}: ../shared/eval/score.py is only beside the project in CI/dev")
    out = tmp_path / "devset.jsonl"
    subprocess.run([sys.executable, "-m", "entente.cli", "extract", str(DEVSET), "--out", str(out)], check=True)
    result = subprocess.run(
        [sys.executable, str(SCORER), str(GOLD), str(out), "--json"],
        check=True, capture_output=True, text=True,
    )
    scored = json.loads(result.stdout.splitlines()[0])
    floor = json.loads((ROOT / "tests" / "score_floor.json").read_text())
    assert scored["score"] >= floor["devset_score"], scored
