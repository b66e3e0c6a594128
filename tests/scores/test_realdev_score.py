"""The realdev score (../shared/realdev, real articles with gold) never falls below its floors.

The floors are the `realdev` entry of tests/score_floor.json: the macro score, one F1 per category and
`published_fp`, the most wrong publication dates allowed (a wrong date is worse than none). The articles
are evaluation text owned by their publishers; they are read from ../shared and never copied here.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT, SHARED

REALDEV = SHARED / "realdev"
SCORER = SHARED / "eval" / "score.py"


@pytest.fixture(scope="module")
def scored(tmp_path_factory) -> dict:
    if not (REALDEV / "articles").is_dir() or not (REALDEV / "gold.json").is_file() or not SCORER.is_file():
        pytest.skip(
            f"realdev or scorer not found under {SHARED}: ../shared is only beside the project in CI/dev"
        )
    out = tmp_path_factory.mktemp("realdev") / "realdev.jsonl"
    subprocess.run(
        [sys.executable, "-m", "entente.cli", "extract", str(REALDEV / "articles"), "--out", str(out)],
        check=True,
        capture_output=True,
    )
    result = subprocess.run(
        [sys.executable, str(SCORER), str(REALDEV / "gold.json"), str(out), "--json"],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.splitlines()[0])


def _floor() -> dict:
    return json.loads((ROOT / "tests" / "score_floor.json").read_text())["realdev"]


def test_realdev_floor_covers_every_category():
    floor = _floor()
    assert set(floor) >= {
        "score",
        "pairs",
        "people",
        "published",
        "events",
        "levels",
        "areas",
        "agreements",
        "figures",
        "published_fp",
    }
    assert all(0 <= value <= 1 for value in floor.values())


def test_realdev_macro_floor(scored):
    assert scored["score"] >= _floor()["score"], scored


def test_realdev_category_floors(scored):
    floor = _floor()
    rows = {row["category"]: row for row in scored["categories"]}
    low = {
        name: (row["f1"], floor[name])
        for name, row in rows.items()
        if name in floor and row["f1"] < floor[name]
    }
    assert not low, low
    assert rows["published"]["fp"] <= floor["published_fp"], rows["published"]
