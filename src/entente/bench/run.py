"""``entente bench``: speed against baselines measured in the same run, one table, ``build/bench.json``.

Every figure is the median of ``repeats`` runs (extraction: one pass over the documents, in
``repeats`` slices), and every speed is also given as a ratio against a baseline timed in the same
run, on the same texts:

* extraction (documents/s, words/s) against *the limit*: spaCy's blank English
  tokenizer + sentencizer alone, each text read once by both (as an ingest reads it), on real
  prose (BBC articles, when ``../shared/corpora/bbc/bbc.jsonl`` is present: the ``extract_*``
  keys and the >= 0.40 target; else the generated corpus takes their place) and on our generated
  corpus of relations reports (``generated_extract_*``), whose length and fact density are printed
  beside the seed articles';
* date resolution against ``dateparser.search.search_dates``
  (``benchmarks/bench_dates.py`` of the dates engineer, when present);
* ingest into SQLite (and PostgreSQL when ``ENTENTE_BENCH_PG_URL`` or
  ``ENTENTE_TEST_PG_URL`` names a server) against extract-only speed;
  ``--workers 2`` against ``--workers 1``;
* the cold start of ``entente pairs`` on a small KB (a new process) against ``python -c pass``
  (:mod:`entente.bench.coldstart`);
* query latency p50/p95 of show, timeline, compare and search on the benchmark KB
  (100,000 generated documents, built once with ``--workers 2`` and reused; its
  build also gives the peak RSS of a 100k ingest).

Wall-clock times are reported (what a user waits for); CPU-time ratios are kept in
the JSON too, since other work on the machine slows both sides of a ratio alike
but not every absolute figure.
"""

from __future__ import annotations

import datetime as dt
import gc
import importlib.util
import json
import os
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..read import Document
from .coldstart import bench_cold_start
from .generate import generate

ROOT = Path(__file__).resolve().parents[3]
BBC = ROOT.parent / "shared" / "corpora" / "bbc" / "bbc.jsonl"
SEEDS = ROOT.parent / "shared" / "seeds"
DATES_BENCH = ROOT / "benchmarks" / "bench_dates.py"
SEARCH_TERMS = ["semiconductor", "renewable energy", "memorandum of understanding", "free trade agreement",
                "cybersecurity", "tourism", "official visit", "maritime security", "bilateral trade", "counterpart"]


@dataclass
class Settings:
    quick: bool = False
    repeats: int = 3
    docs: int = 300  # extraction and ingest sample
    kb_docs: int = 100_000
    kb_path: Path = Path("build/bench100k.db")
    workers_docs: int = 2000  # enough that start-up and the final merge weigh as in a real archive
    query_runs: int = 40
    out: Path = Path("build/bench.json")
    seed: int = 7
    pg_url: str | None = None
    log: Callable[[str], None] = print

    @classmethod
    def make(cls, quick: bool, **overrides) -> Settings:
        s = cls(quick=quick, repeats=2, docs=60, kb_docs=2_000, kb_path=Path("build/bench-quick.db"),
                workers_docs=300, query_runs=15) if quick else cls()
        for k, v in overrides.items():
            if v is not None:
                setattr(s, k, v)
        if s.pg_url is None:
            s.pg_url = os.environ.get("ENTENTE_BENCH_PG_URL") or os.environ.get("ENTENTE_TEST_PG_URL") or None
        return s


@dataclass
class Row:
    section: str
    what: str
    value: str
    baseline: str = ""
    ratio: str = ""
    target: str = ""
    ok: bool | None = None


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    data: dict = field(default_factory=dict)

    def add(self, *args, **kw) -> None:
        self.rows.append(Row(*args, **kw))


def median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def pct(xs: list[float], q: float) -> float:
    """The q-quantile (0..1) by nearest rank."""
    if not xs:
        return float("nan")
    s = sorted(xs)
    return s[min(len(s) - 1, max(0, round(q * len(s) + 0.5) - 1))]


def words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def _timed(fn: Callable[[], object]) -> tuple[float, float]:
    gc.collect()
    w, c = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - w, time.process_time() - c


def generated_docs(n: int, seed: int) -> list[Document]:
    return [Document(text=a["text"], name=a["id"], source=a["id"], published=a["published"])
            for a in generate(n, seed)]


def bbc_docs(n: int) -> list[Document]:
    if not BBC.exists():
        return []
    out = []
    with BBC.open(encoding="utf-8") as fh:
        for line in fh:
            obj = json.loads(line)
            if isinstance(obj.get("text"), str) and obj["text"].strip():
                out.append(Document(text=obj["text"], name=str(obj.get("id", len(out))), source="bbc"))
            if len(out) >= n:
                break
    return out


# --------------------------------------------------------------------------- sections


def bench_extraction(s: Settings, r: Report, docs: list[Document], label: str, key: str,
                     target: bool) -> dict:
    """Our pipeline against the limit (blank English tokenizer + sentencizer) on the same texts.

    Both read each text for the first time, as an ingest does: the documents are cut into ``repeats``
    disjoint slices and each slice is timed once per side (the limit first, then ``extract``), two
    long-lived pipelines going through the slices in turn; the rates and the ratio are those of the whole
    pass (the slices' seconds summed).  The slices are not alike: each side's caches warm as it goes, the
    limit's far more (its tokenizer answers from its cache of strings seen), so the limit's first slice is
    its slowest and the ratio falls slice after slice; a median over slices would report whichever slice is
    in the middle (kept as ``extract_ratio_slice_median``; its history: ``CHANGELOG.md``).
    A second pass over each slice (spaCy's tokenizer then answers from its cache of strings already
    seen, which makes the limit about twice as fast) is kept as ``*_warm`` figures.  ``target``: this
    corpus carries the >= 0.40 target (the realistic one, real prose); the other is reported."""
    import spacy

    from ..extract.pipeline import default_extractor

    nlp = spacy.blank("en")
    nlp.max_length = 20_000_000
    nlp.add_pipe("sentencizer")
    extractor = default_extractor()
    warm_doc = Document(text="Japan and Malaysia agreed on Monday to expand trade.", name="warm-up")
    extractor.extract(warm_doc)  # imports and table loads outside the timing
    nlp(warm_doc.text)
    k = max(1, min(s.repeats, len(docs)))
    slices = [docs[i::k] for i in range(k)]
    runs: dict[str, list[tuple[float, float, int, int]]] = {"first": [], "warm": []}
    for part in slices:
        texts = [d.text for d in part]
        for kind in ("first", "warm"):
            lw, lc = _timed(lambda: [nlp(t) for t in texts])  # noqa: B023
            ew, ec = _timed(lambda: [extractor.extract(d) for d in part])  # noqa: B023
            runs[kind].append((lw, lc, ew, ec))
    n_words = words([d.text for d in docs])
    out: dict = {f"{key}docs": len(docs), f"{key}words": n_words}
    for kind, prefix in (("first", key), ("warm", key + "warm_")):
        rows = runs[kind]
        lim, ext = sum(x[0] for x in rows), sum(x[2] for x in rows)  # the whole pass, each side
        out.update({
            f"{prefix}extract_docs_per_s": len(docs) / ext, f"{prefix}extract_words_per_s": n_words / ext,
            f"{prefix}limit_docs_per_s": len(docs) / lim, f"{prefix}limit_words_per_s": n_words / lim,
            f"{prefix}extract_ratio": lim / ext,
            f"{prefix}extract_ratio_cpu": sum(x[1] for x in rows) / sum(x[3] for x in rows),
            f"{prefix}extract_ratio_slices": [round(x[0] / x[2], 4) for x in rows],
            f"{prefix}extract_ratio_slice_median": median([x[0] / x[2] for x in rows]),
            f"{prefix}extract_seconds": ext,
        })
    ratio, warm = out[f"{key}extract_ratio"], out[f"{key}warm_extract_ratio"]
    ext_rate, lim_rate = out[f"{key}extract_docs_per_s"], out[f"{key}limit_docs_per_s"]
    r.add("extraction", f"{label}, first pass: docs/s", f"{ext_rate:,.1f}", f"{lim_rate:,.0f} limit",
          f"{ratio:.3f}", ">= 0.40" if target else "", (ratio >= 0.40) if target else None)
    slices = " / ".join(f"{x:.2f}" for x in out[f"{key}extract_ratio_slices"])
    r.add("extraction", f"  {label}, first pass by slice (the limit's cache warming)", slices,
          f"median {out[f'{key}extract_ratio_slice_median']:.3f}")
    r.add("extraction", f"{label}, first pass: words/s", f"{n_words * ext_rate / len(docs):,.0f}",
          f"{n_words * lim_rate / len(docs):,.0f} limit", f"{ratio:.3f}")
    r.add("extraction", f"{label}, second pass (tokenizer cache warm): docs/s",
          f"{out[f'{key}warm_extract_docs_per_s']:,.1f}", f"{out[f'{key}warm_limit_docs_per_s']:,.0f} limit",
          f"{warm:.3f}")
    return out


def _density(extractor, docs: list[Document]) -> tuple[float, float]:
    """Words per document and evidence spans per 1,000 words of ``docs``."""
    from ..record import iter_spans

    n_words = words([d.text for d in docs])
    spans = sum(sum(1 for _ in iter_spans(extractor.extract(d))) for d in docs)
    return n_words / max(1, len(docs)), 1000 * spans / max(1, n_words)


def bench_corpus(s: Settings, r: Report, docs: list[Document], bbc: list[Document]) -> dict:
    """How the generated corpus compares with real reports: length and fact density (evidence spans per
    1,000 words), beside the seed articles (real reports on relations) and the BBC sample when present."""
    from ..extract.pipeline import default_extractor

    extractor = default_extractor()
    per_doc, density = _density(extractor, docs)
    out = {"corpus_words_per_doc": per_doc, "corpus_spans_per_1000_words": density}
    seeds = [Document(text=p.read_text(encoding="utf-8"), name=p.name) for p in sorted(SEEDS.glob("*.txt"))]
    baseline = ""
    if seeds:
        seed_words, seed_density = _density(extractor, seeds)
        out.update({"seeds_words_per_doc": seed_words, "seeds_spans_per_1000_words": seed_density})
        baseline = f"seeds: {seed_words:,.0f} words, {seed_density:,.0f} spans"
    if bbc:
        out["bbc_words_per_doc"] = words([d.text for d in bbc]) / len(bbc)
        baseline += f"{'; ' if baseline else ''}BBC: {out['bbc_words_per_doc']:,.0f} words"
    r.add("corpus", f"generated ({len(docs)} docs): words/doc, spans/1,000 words",
          f"{per_doc:,.0f} words, {density:,.0f} spans", baseline)
    return out


def bench_dates(s: Settings, r: Report) -> dict:
    if not DATES_BENCH.exists():
        r.add("dates", "resolver vs search_dates", "skipped: benchmarks/bench_dates.py not found")
        return {"dates_ratio_vs_dateparser": None}
    spec = importlib.util.spec_from_file_location("_bench_dates", DATES_BENCH)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    runs = [module.bench_dates(repeat=3 if s.quick else 10) for _ in range(s.repeats)]
    out: dict = {}
    for k in runs[0]:
        values = [run.get(k) for run in runs]
        out[f"dates_{k}" if not k.startswith("date") else k] = (
            median(values) if all(isinstance(v, int | float) for v in values) else values[0])
    ratio = out.get("dates_ratio_vs_dateparser")
    if ratio is not None:
        right = (f"{out.get('dates_table_right', 0):.0f}/{out.get('dates_table_cases', 0):.0f} right vs "
                 f"{out.get('dateparser_table_right', 0):.0f}") if "dates_table_cases" in out else ""
        r.add("dates", "table sentences/s", f"{out['dates_per_s']:,.0f}",
              f"{out['dateparser_per_s']:,.0f} search_dates", f"{ratio:.1f}", "> 1", ratio > 1)
        if right:
            r.add("dates", "date-table cases right", right, "", "", "more than search_dates",
                  out.get("dates_table_right", 0) > out.get("dateparser_table_right", 0))
    return out


def _ingest_once(url: str, docs: list[Document], workers: int) -> tuple[float, int]:
    from ..engines.local import LocalEngine
    from ..kb import open_kb

    kb = open_kb(url)
    try:
        gc.collect()
        started = time.perf_counter()
        with LocalEngine(workers) as engine, kb.session() as session:
            result = engine.ingest(session, docs, batch_size=50)
        return time.perf_counter() - started, result.added
    finally:
        kb.close()


def _extract_only(docs: list[Document]) -> float:
    """Seconds for extract-only over ``docs`` in order, as an ingest extracts them (same pipeline, each text once)."""
    from ..extract.pipeline import default_extractor

    extractor = default_extractor()
    seconds, _ = _timed(lambda: [extractor.extract(d) for d in docs])
    return seconds


def bench_ingest(s: Settings, r: Report, docs: list[Document]) -> dict:
    """Ingest of ``docs`` into a new KB (store and final merge included) against extract-only on the same
    documents, timed in pairs: each round an extract-only pass over the documents in order, then an ingest
    of them, so both read texts the pipeline has met before under the same conditions; the ratio is the
    median of the rounds' ratios (and the speeds the medians of the rounds' speeds)."""
    from ..kb.testing import fresh_database

    out: dict = {}
    _extract_only(docs)  # every text met once before the rounds, as the extraction bench left them
    with tempfile.TemporaryDirectory() as tmp:
        for kind in ("sqlite", "postgresql"):
            key = "ingest_sqlite_docs_per_s" if kind == "sqlite" else "ingest_postgres_docs_per_s"
            if kind == "postgresql" and not s.pg_url:
                out[key] = None
                r.add("ingest", "PostgreSQL docs/s", "skipped: no PostgreSQL")
                continue
            speeds, extract_speeds, ratios = [], [], []
            for _ in range(s.repeats):
                extract_seconds = _extract_only(docs)
                with fresh_database(kind, Path(tmp), server_url=s.pg_url) as url:
                    seconds, added = _ingest_once(url, docs, 1)
                speeds.append(added / seconds)
                extract_speeds.append(len(docs) / extract_seconds)
                ratios.append(extract_seconds / seconds * added / len(docs))
            out[key], ratio = median(speeds), median(ratios)
            name = "SQLite" if kind == "sqlite" else "PostgreSQL"
            r.add("ingest", f"{name} docs/s (1 process)", f"{out[key]:,.1f}",
                  f"{median(extract_speeds):,.1f} extract-only", f"{ratio:.2f}",
                  ">= 0.80" if kind == "sqlite" else "", ratio >= 0.80 if kind == "sqlite" else None)
            prefix = "ingest" if kind == "sqlite" else "ingest_postgres"
            out[f"{prefix}_ratio"] = ratio
            out[f"{prefix}_extract_only_docs_per_s"] = median(extract_speeds)
    return out


def ingest_child(corpus: str, db: str, workers: int) -> dict:
    """One ``entente ingest --workers N`` as the CLI runs it (a fresh process: the pipeline is built, the
    pool started), timed from inside: wall (start-up included), pool start-up, the final merge, and the CPU
    of this process (the writer) and of its workers.  Run by :func:`bench_workers` in a child interpreter."""
    import resource

    from ..engines.local import LocalEngine
    from ..engines.stream import stream_paths
    from ..kb import ingest as kb_ingest
    from ..kb import open_kb

    merge = {"wall": 0.0, "cpu": 0.0}
    refresh = kb_ingest.refresh_merged

    def timed_refresh(*args, **kw):  # the final merge, after the last batch
        w, c = time.perf_counter(), time.process_time()
        try:
            return refresh(*args, **kw)
        finally:
            merge["wall"] += time.perf_counter() - w
            merge["cpu"] += time.process_time() - c

    kb_ingest.refresh_merged = timed_refresh
    kb = open_kb(db)
    try:
        w0, c0 = time.perf_counter(), time.process_time()
        with LocalEngine(workers, freeze=True) as engine, kb.session() as session:
            startup_cpu = time.process_time() - c0
            result = engine.ingest(session, stream_paths([corpus]), batch_size=50)
        wall = time.perf_counter() - w0
    finally:
        kb.close()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"docs": result.added, "wall": wall, "startup": engine.startup_seconds, "startup_cpu": startup_cpu,
            "merge": merge["wall"], "merge_cpu": merge["cpu"], "writer_cpu": time.process_time() - c0,
            "workers_cpu": children.ru_utime + children.ru_stime}


def _ingest_in_child(corpus: Path, db: Path, workers: int) -> dict:
    import subprocess
    import sys

    code = ("import json, sys; from entente.bench.run import ingest_child; "
            "print(json.dumps(ingest_child(sys.argv[1], sys.argv[2], int(sys.argv[3]))))")
    out = subprocess.run([sys.executable, "-c", code, str(corpus), str(db), str(workers)], check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_workers(s: Settings, r: Report) -> dict:
    """``--workers 2`` against ``--workers 1``: each run a fresh process ingesting the same JSONL file into a new
    SQLite KB, as the CLI does, so pool start-up and the final merge are counted, not excluded."""
    from .generate import write_corpus

    runs: dict[int, list[dict]] = {1: [], 2: []}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_corpus(Path(tmp) / "workers.jsonl", s.workers_docs, s.seed + 1)
        for i in range(s.repeats):
            for workers in (1, 2):  # interleaved, so load on the machine hits both alike
                db = Path(tmp) / f"w{workers}-{i}.db"
                runs[workers].append(_ingest_in_child(corpus, db, workers))
    n = runs[1][0]["docs"]

    def med(workers: int, key: str) -> float:
        return median([run[key] for run in runs[workers]])

    w1, w2 = n / med(1, "wall"), n / med(2, "wall")
    cpu1 = med(1, "writer_cpu") + med(1, "workers_cpu")
    cpu2 = med(2, "writer_cpu") + med(2, "workers_cpu")
    out = {"workers_docs": n, "workers1_docs_per_s": w1, "workers2_docs_per_s": w2, "workers2_speedup": w2 / w1,
           "workers1_cpu_seconds": cpu1, "workers2_cpu_seconds": cpu2,
           "workers2_writer_cpu_share": med(2, "writer_cpu") / cpu2,
           "workers1_startup_seconds": med(1, "startup"), "workers2_startup_seconds": med(2, "startup"),
           "workers1_merge_seconds": med(1, "merge"), "workers2_merge_seconds": med(2, "merge"),
           "workers1_wall_seconds": med(1, "wall"), "workers2_wall_seconds": med(2, "wall"),
           "cores": os.cpu_count()}
    # the pool (and pipeline) start-up and the final merge (serial with 1 worker) are not excluded: also the rate of
    # what is between them, where the workers run
    mid1 = med(1, "wall") - med(1, "startup") - med(1, "merge")
    mid2 = med(2, "wall") - med(2, "startup") - med(2, "merge")
    out["workers2_speedup_streaming"] = mid1 / mid2 if mid2 > 0 else None
    # CPU seconds per part (medians): on a loaded machine a run of 3 processes gets a larger share of the CPUs
    # than one of 1, so the wall ratio flatters --workers 2; the CPU model is what 2 idle cores would give:
    # start-up and the writer's part of the final merge serial, the writer and the workers sharing the 2 cores
    # in between (the workers' CPU includes their part of the final merge, counted as shared: it overlaps the
    # writer's inserts)
    for workers in (1, 2):
        for key in ("startup_cpu", "merge_cpu", "writer_cpu", "workers_cpu"):
            out[f"workers{workers}_{key}_seconds"] = med(workers, key)
    stream_writer = med(2, "writer_cpu") - med(2, "startup_cpu") - med(2, "merge_cpu")
    modelled = (med(2, "startup_cpu") + med(2, "merge_cpu")
                + max(stream_writer, (stream_writer + med(2, "workers_cpu")) / 2))
    out["workers2_speedup_cpu_model"] = cpu1 / modelled if modelled > 0 else None
    speedup = out["workers2_speedup"]
    r.add("ingest", f"--workers 2 docs/s ({n} docs, fresh process each, start-up and merge included)", f"{w2:,.1f}",
          f"{w1:,.1f} --workers 1", f"{speedup:.2f}", ">= 1.70", speedup >= 1.7)
    r.add("ingest", "  start-up / final merge (in the workers with 2), s (workers 1 | 2)",
          f"{med(1, 'startup'):.1f}/{med(1, 'merge'):.1f} | {med(2, 'startup'):.1f}/{med(2, 'merge'):.1f}",
          "", f"{out['workers2_speedup_streaming']:.2f} between them" if out["workers2_speedup_streaming"] else "")
    r.add("ingest", "  CPU s (workers 1 | 2: writer + workers)", f"{cpu1:.1f} | {cpu2:.1f}",
          f"writer {out['workers2_writer_cpu_share']:.0%} of --workers 2 CPU", f"{cpu1 / cpu2:.2f}")
    if out["workers2_speedup_cpu_model"]:
        r.add("ingest", "  speed-up on 2 idle cores, from the CPU seconds", f"{out['workers2_speedup_cpu_model']:.2f}",
              "start-up + writer's merge serial, writer and workers sharing 2 cores", "", "(>= 1.70)",
              out["workers2_speedup_cpu_model"] >= 1.7)
    return out


def bench_queries(s: Settings, r: Report, reuse_any: bool) -> dict:
    from ..kb import open_kb, queries
    from .kbbuild import build_kb, cached

    info = cached(s.kb_path, s.kb_docs, s.seed)
    if info is None and reuse_any and s.kb_path.exists() and s.kb_path.with_suffix(".json").exists():
        from .kbbuild import BuildInfo

        info = BuildInfo(**json.loads(s.kb_path.with_suffix(".json").read_text()))
        s.log(f"reusing {s.kb_path} built by pipeline {info.pipeline_version} (--reuse-kb)")
    if info is None:
        info = build_kb(s.kb_path, s.kb_docs, s.seed, workers=2, log=s.log)
    out = {"kb_documents": info.documents, "kb_build_seconds": info.seconds, "kb_build_docs_per_s": info.docs_per_s,
           "kb_pipeline_version": info.pipeline_version,
           "peak_rss_mb_tree": info.peak_rss_mb_tree, "peak_rss_mb_process": info.peak_rss_mb_process}
    n = f"{info.documents // 1000}k" if info.documents >= 1000 else str(info.documents)
    out["peak_rss_mb_100k" if info.documents == 100_000 else f"peak_rss_mb_{n}"] = info.peak_rss_mb_tree
    if info.documents != 100_000:
        out["peak_rss_mb_100k"] = None
    r.add("ingest", f"peak RSS, {n}-document ingest (writer + 2 workers)", f"{info.peak_rss_mb_tree:,.0f} MB",
          f"largest process {info.peak_rss_mb_process:,.0f} MB", "", "< 700 MB", info.peak_rss_mb_tree < 700)
    r.add("ingest", f"{n}-document build, --workers 2", f"{info.docs_per_s:,.1f} docs/s", f"{info.seconds:,.0f} s")

    kb = open_kb(str(s.kb_path))
    try:
        with kb.session() as session:
            top = queries.pairs(session)
            pairs = [p.pair for p in top[:20]] or []
            from ..web.app import freeze_startup_heap

            freeze_startup_heap()  # as the server does after start-up (see benchmarks/bench_queries.py)
            countries = list(dict.fromkeys(c for p in pairs for c in p))[:10]
            calls: dict[str, Callable[[int], object]] = {
                "show": lambda i: queries.profile(session, *pairs[i % len(pairs)]),
                "timeline": lambda i: queries.timeline(session, countries[i % len(countries)]),
                "compare": lambda i: queries.compare(session, countries[i % len(countries)],
                                                     [c for c in countries if c != countries[i % len(countries)]][:4]),
                "search": lambda i: queries.search(session, SEARCH_TERMS[i % len(SEARCH_TERMS)], 20),
            }
            if not pairs:
                r.add("queries", "show/timeline/compare/search", "skipped: the KB has no pairs")
                return out
            for name, call in calls.items():
                call(0)  # warm
                times = []
                for i in range(s.query_runs):
                    t = time.perf_counter()
                    call(i)
                    times.append((time.perf_counter() - t) * 1000)
                p50, p95 = pct(times, 0.50), pct(times, 0.95)
                out[f"{name}_p50_ms"], out[f"{name}_p95_ms"] = p50, p95
                target = {"show": 50.0, "search": 100.0}.get(name)
                r.add("queries", f"{name} ({n} docs, {s.query_runs} calls)", f"p50 {p50:,.1f} ms",
                      f"p95 {p95:,.1f} ms", "", f"p95 < {target:.0f} ms" if target else "",
                      p95 < target if target else None)
    finally:
        kb.close()
    return out


def bench_memory(s: Settings, r: Report) -> dict:
    """Peak PSS of the benchmark KB's build beside its RSS (from the build record :func:`bench_queries` used).

    The < 700 MB target is checked against the RSS sum of the process tree (pages the forked workers share
    with the writer counted in each: the conservative reading); PSS counts shared pages once."""
    meta = s.kb_path.with_suffix(".json")
    try:
        info = json.loads(meta.read_text())
    except (OSError, ValueError):
        return {"peak_pss_mb_100k": None}
    documents, pss = info.get("documents", 0), info.get("peak_pss_mb_tree")
    n = f"{documents // 1000}k" if documents >= 1000 else str(documents)
    out = {f"peak_pss_mb_{n}": pss}
    out.setdefault("peak_pss_mb_100k", None)
    if pss is not None:
        r.add("ingest", f"peak PSS, {n}-document ingest (writer + 2 workers)", f"{pss:,.0f} MB",
              f"RSS sum {info.get('peak_rss_mb_tree', 0):,.0f} MB", "", "RSS sum is checked")
    return out


def machine() -> str:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, {cpu}, Python {platform.python_version()}"


# --------------------------------------------------------------------------- the run


def run(s: Settings, reuse_kb: bool = False) -> tuple[dict, Report]:
    from .. import PIPELINE_VERSION

    r = Report()
    data: dict = {"machine": machine(), "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                  "pipeline_version": PIPELINE_VERSION, "quick": s.quick, "repeats": s.repeats}
    docs = generated_docs(s.docs, s.seed)
    bbc = bbc_docs(s.docs)
    if bbc:  # real prose carries the target; the generated corpus is reported
        s.log(f"extraction: {len(bbc)} BBC articles in {s.repeats} slices, each read once (and the limit)")
        data.update(bench_extraction(s, r, bbc, f"BBC prose ({len(bbc)} docs)", "", True))
    s.log(f"extraction: {s.docs} generated documents in {s.repeats} slices (and the limit on the same texts)")
    data.update(bench_extraction(s, r, docs, f"generated ({s.docs} docs)",
                                 "generated_" if bbc else "", not bbc))
    # after the extraction bench: measuring the density extracts the generated texts, which would warm
    # the tokenizer's cache for the extraction bench's first pass
    data.update(bench_corpus(s, r, docs, bbc))
    s.log("dates: resolver vs dateparser.search.search_dates")
    data.update(bench_dates(s, r))
    s.log(f"ingest: {len(docs)} documents into SQLite" + (" and PostgreSQL" if s.pg_url else ""))
    data.update(bench_ingest(s, r, docs))
    s.log("queries: cold start of entente pairs on a small KB, against python -c pass")
    data.update(bench_cold_start(s, r, docs))
    s.log(f"ingest: --workers 1 vs --workers 2 on {s.workers_docs} documents")
    data.update(bench_workers(s, r))
    s.log(f"queries: benchmark KB of {s.kb_docs} documents at {s.kb_path}")
    data.update(bench_queries(s, r, reuse_kb))
    data.update(bench_memory(s, r))
    data["results_path"] = str(s.out)
    r.data = data
    s.out.parent.mkdir(parents=True, exist_ok=True)
    s.out.write_text(json.dumps(_rounded(data), indent=2))
    return data, r


def _rounded(data: dict) -> dict:
    return {k: (round(v, 3) if isinstance(v, float) else v) for k, v in data.items()}


def render(console, report: Report) -> None:
    from rich.table import Table

    d = report.data
    table = Table(title=f"entente bench — {d.get('date')} — {d.get('machine')}", title_justify="left")
    for col in ("section", "measure", "value", "baseline (same run)", "ratio", "target", "ok"):
        table.add_column(col, overflow="fold")
    for row in report.rows:
        ok = "" if row.ok is None else ("[green]yes[/]" if row.ok else "[red]no[/]")
        table.add_row(row.section, row.what, row.value, row.baseline, row.ratio, row.target, ok)
    console.print(table)
    console.print(f"medians of {d.get('repeats')} runs; pipeline {d.get('pipeline_version')}; JSON: {d.get('results_path')}")
