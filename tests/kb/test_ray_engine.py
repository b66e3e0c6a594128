"""Ray engine (`entente ingest --engine ray`): on a local Ray, the same KB as the local engine."""

from __future__ import annotations

import os

import pytest

ray = pytest.importorskip("ray", reason="Ray is not installed (pip install '.[ray]'); the Ray engine is not tested")

from entente.engines.ray_engine import _ordered_parquet, ingest_ray  # noqa: E402
from entente.kb import open_kb  # noqa: E402
from ingest_corpus import corpus, ingest_with, kb_snapshot  # noqa: E402


@pytest.fixture(scope="module")
def local_ray():
    os.environ["RAY_USAGE_STATS_ENABLED"] = "0"
    started = not ray.is_initialized()
    if started:
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    if started:
        ray.shutdown()


def test_ray_engine_builds_the_same_kb_as_the_local_engine(tmp_path, local_ray):
    folder = corpus(tmp_path, 8)
    local = ingest_with(str(tmp_path / "local.db"), folder, 2)

    records = tmp_path / "records"
    kb = open_kb(str(tmp_path / "ray.db"))
    try:
        with kb.session() as session:
            result = ingest_ray(session, [str(folder)], records_dir=str(records), batch_size=4)
    finally:
        kb.close()
    assert result.added == local.added == 9
    assert result.skipped == local.skipped == 1
    assert result.failures == local.failures and len(result.failures) == 2
    assert kb_snapshot(str(tmp_path / "ray.db")) == kb_snapshot(str(tmp_path / "local.db"))

    # the records were written as Parquet, in input order
    rows = list(_ordered_parquet(str(records)))
    keys = [(r["file_index"], r["item_index"]) for r in rows]
    assert keys == sorted(keys) and len(rows) == 12
    assert all(r["record"] for r in rows if r["kind"] == "doc")


def test_ray_engine_empty_folder_and_missing_file(tmp_path, local_ray):
    (tmp_path / "empty").mkdir()
    kb = open_kb(str(tmp_path / "e.db"))
    try:
        with kb.session() as session:
            result = ingest_ray(session, [str(tmp_path / "empty"), str(tmp_path / "missing.txt")])
    finally:
        kb.close()
    assert result.added == 0
    assert result.failures == [(str(tmp_path / "missing.txt"), "no such file")]
