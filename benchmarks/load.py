"""A bounded load test on loopback: C concurrent clients for S seconds against pair pages and search.

    python benchmarks/load.py [--db build/bench100k.db] [--clients 50] [--seconds 30] [--workers 2] [--tail 0.05] [--warmup 15] [--no-cache] [--json] [--out build/load.json]

The server is the real one (``entente serve --workers W`` in a child process on 127.0.0.1, a free
port; ``--no-cache`` turns its response cache off, to measure every request computed afresh);
the clients are asyncio coroutines in this process, each on its own keep-alive HTTP/1.1
connection, sending its next request as soon as the previous one is answered.  They speak HTTP
through a minimal client (:class:`Connection`: ``GET``, Content-Length or chunked bodies) rather
than httpx, whose ~5 ms of CPU per request made the client, not the server, the bottleneck on a
2-core machine (the latencies then measured the client's own queue); httpx only finds the targets.  The mix: pair pages (``/pair/A/B``), the pair API
(``/api/pairs/A/B``), search pages (``/search?q=``) and the search API (``/api/search?q=``).  The *hot set*
is every pair of the KB (page and API) and a search for each word of a vocabulary (our area names, the
KB's country names, common queries), shuffled, then requested with Zipf-like popularity (the URL of rank
r with weight 1/r): a few pages are asked for all the time, most rarely, as on a real site; the clients
run that mix for ``--warmup`` seconds (default 15: each of 2 workers then has computed most of the hot
set once) before the clock starts, as a running server has already
seen its popular pages.  A share ``--tail`` of the requests (default 5 %) is the *long tail*: a search never
asked before (two or three vocabulary words), which the response cache cannot answer, so each one is
computed afresh under the load (kinds ``tail_page``/``tail_api``).  It stops by itself after
``seconds`` and reports throughput, latency percentiles (p50/p90/p99/max) and the error count
(any status other than 200, any transport error or timeout).

Without the KB (``make bench`` builds ``build/bench100k.db``), a smaller one is built from
:mod:`entente.bench.generate` into ``build/load-<N>.db`` and the report says so.
:func:`run_load` returns the report as a dict (``make bench`` calls it).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DB = ROOT / "build" / "bench100k.db"
SEARCH_WORDS = ["trade", "energy", "semiconductor", "maritime security", "tourism", "digital economy",
                "free trade agreement", "memoranda", "halal", "cybersecurity", "renewable energy", "railways",
                "official visit", "strategic partnership", "vaccines", "climate change", "artificial intelligence"]
TIMEOUT = 10.0  # a request taking longer counts as an error
DEFAULT_WORKERS = 2  # entente serve --workers: one per core of the 2-core machine the figures come from


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fallback_kb(n: int) -> Path:
    """A KB of ``n`` generated articles (built once, reused), for when the 100k benchmark KB is missing."""
    from entente.bench.generate import generate
    from entente.kb import open_kb
    from entente.kb import queries as q
    from entente.read import Document

    path = ROOT / "build" / f"load-{n}.db"
    done = path.with_suffix(".done")
    if path.exists() and done.exists():
        return path
    for p in path.parent.glob(path.name + "*"):
        p.unlink()
    kb = open_kb(path)
    docs = (Document(text=a["text"], name=f"{a['id']}.txt", source=a["id"], published=a["published"])
            for a in generate(n))
    with kb.session() as s:
        result = q.ingest_documents(s, docs, batch_size=100)
    kb.close()
    if result.failures:
        raise RuntimeError(f"building {path}: {len(result.failures)} failures, first {result.failures[0]}")
    done.write_text(str(n))
    return path


class Server:
    """``entente serve`` on loopback, started and stopped by us."""

    def __init__(self, db: Path, port: int, workers: int = 1, cache: bool = True):
        self.url = f"http://127.0.0.1:{port}"
        self.log = (ROOT / "build" / "load-server.log").open("w")
        env = {**os.environ, "ENTENTE_API_TOKEN": ""}
        if not cache:
            env["ENTENTE_WEB_CACHE"] = "0"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "entente.cli", "serve", "--db", str(db), "--port", str(port),
             "--workers", str(workers)],
            stdout=self.log, stderr=subprocess.STDOUT, env=env)

    def wait_ready(self, limit: float = 300.0) -> None:
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}; see build/load-server.log")
            try:
                if httpx.get(self.url + "/api/stats", timeout=5).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"server not ready after {limit:.0f} s")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


def vocabulary(names: list[str]) -> list[str]:
    """Search words: our area names (``digital_economy`` -> "digital economy"), the given country names
    and :data:`SEARCH_WORDS`."""
    from entente.record import AREAS

    areas = {a.replace("_", " ") for a in AREAS}
    return sorted(areas | set(names) | set(SEARCH_WORDS))


def _search(kind: str, query: str) -> tuple[str, str]:
    q = query.replace(" ", "+")
    return (f"{kind}_page", f"/search?q={q}") if kind != "tail" or len(query) % 2 else (f"{kind}_api", f"/api/search?q={q}")


def targets(base: str, rng: random.Random) -> tuple[list[tuple[str, str]], list[str]]:
    """The hot set, shuffled: (kind, path) of every pair's page and API profile and of a search page and API
    answer per vocabulary word; and the vocabulary (long-tail queries combine its words)."""
    pairs = httpx.get(base + "/api/pairs", timeout=120).json()
    if not pairs:
        raise RuntimeError("the KB has no pairs to load")
    out: list[tuple[str, str]] = []
    names: set[str] = set()
    for p in pairs:
        a, b = p["pair"]
        names.update(p.get("names") or [])
        out += [("pair_page", f"/pair/{a}/{b}"), ("pair_api", f"/api/pairs/{a}/{b}")]
    words = vocabulary(sorted(names))
    for w in words:
        q = w.replace(" ", "+")
        out += [("search_page", f"/search?q={q}"), ("search_api", f"/api/search?q={q}")]
    rng.shuffle(out)
    return out, words


class Tail:
    """Long-tail searches: each query is new (two or three vocabulary words not combined before)."""

    def __init__(self, words: list[str], seed: int) -> None:
        self.words, self.rng, self.seen = words, random.Random(seed), set()

    def next(self) -> tuple[str, str]:
        while True:
            query = " ".join(self.rng.sample(self.words, self.rng.choice((2, 2, 3))))
            if query not in self.seen:
                self.seen.add(query)
                return _search("tail", query)


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))  # nearest rank
    return ordered[k]


class Connection:
    """One keep-alive HTTP/1.1 connection to the server (reopened after any failure)."""

    def __init__(self, base: str) -> None:
        host_port = base.split("://", 1)[-1].rstrip("/")
        self.host, _, port = host_port.partition(":")
        self.port = int(port or 80)
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> tuple[int, int]:
        """``GET path``: (status, body bytes).  Raises on a transport error (the connection is closed)."""
        try:
            if self.writer is None:
                self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
            assert self.reader is not None
            self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nAccept: */*\r\n\r\n".encode())
            head = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
            status = int(head[0].split(" ", 2)[1])
            headers = {k.strip().lower(): v.strip().lower() for k, _, v in (h.partition(":") for h in head[1:] if h)}
            if "content-length" in headers:
                size = len(await self.reader.readexactly(int(headers["content-length"])))
            elif headers.get("transfer-encoding") == "chunked":
                size = 0
                while True:
                    chunk = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                    size += len(await self.reader.readexactly(chunk + 2)) - 2
                    if chunk == 0:
                        break
            else:  # body until the server closes
                size = len(await self.reader.read())
                headers["connection"] = "close"
            if headers.get("connection") == "close":
                self.close()
            return status, size
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


class Mix:
    """What the clients ask for: the hot set with Zipf-like popularity, and a share of long-tail searches."""

    def __init__(self, paths: list[tuple[str, str]], tail: Tail | None, tail_share: float) -> None:
        self.paths, self.tail, self.tail_share = paths, tail, tail_share
        self.cum = list(itertools.accumulate(1 / rank for rank in range(1, len(paths) + 1)))

    def pick(self, rng: random.Random) -> tuple[str, str]:
        if self.tail and rng.random() < self.tail_share:
            return self.tail.next()
        return rng.choices(self.paths, cum_weights=self.cum)[0]


async def _load(base: str, mix: Mix, clients: int, seconds: float, seed: int, warmup: float = 15.0) -> dict:
    latencies: dict[str, list[float]] = {}
    errors: dict[str, int] = {}
    examples: list[str] = []
    start = time.perf_counter() + warmup  # requests answered before this are not counted
    deadline = start + seconds

    async def worker(i: int) -> None:
        rng = random.Random(seed * 1000 + i)
        conn = Connection(base)
        while time.perf_counter() < deadline:
            kind, path = mix.pick(rng)
            t0 = time.perf_counter()
            try:
                status, _ = await asyncio.wait_for(conn.get(path), TIMEOUT)
                ok, why = status == 200, f"{status} {path}"
            except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError,
                    TimeoutError) as e:
                ok, why = False, f"{type(e).__name__} {path}"
            took = time.perf_counter() - t0
            if t0 < start:
                continue
            latencies.setdefault(kind, []).append(took)
            if not ok:
                errors[kind] = errors.get(kind, 0) + 1
                if len(examples) < 5:
                    examples.append(why)
        conn.close()

    await asyncio.gather(*(worker(i) for i in range(clients)))
    elapsed = time.perf_counter() - start
    every = [x for v in latencies.values() for x in v]
    ms = lambda v: round(v * 1000, 1)  # noqa: E731
    return {
        "warmup_s": warmup, "requests": len(every), "seconds": round(elapsed, 1), "throughput_rps": round(len(every) / elapsed, 1),
        "p50_ms": ms(percentile(every, 50)), "p90_ms": ms(percentile(every, 90)),
        "p99_ms": ms(percentile(every, 99)), "max_ms": ms(max(every, default=0.0)),
        "mean_ms": ms(statistics.fmean(every)) if every else 0.0,
        "errors": sum(errors.values()), "error_examples": examples,
        "by_kind": {k: {"requests": len(v), "p50_ms": ms(percentile(v, 50)), "p99_ms": ms(percentile(v, 99)),
                        "errors": errors.get(k, 0)} for k, v in sorted(latencies.items())},
    }


def run_load(db_path: str | os.PathLike[str] | None = None, clients: int = 50, seconds: float = 30.0,
             fallback_docs: int = 2000, seed: int = 11, workers: int = DEFAULT_WORKERS, cache: bool = True,
             tail: float = 0.05, warmup: float = 15.0) -> dict:
    """Serve the KB at ``db_path`` on loopback (``workers`` server processes, response cache on or off)
    and load it with ``clients`` clients for ``seconds``, a share ``tail`` of the requests being
    never-repeated searches.

    When ``db_path`` does not exist, a KB of ``fallback_docs`` generated articles is built (once) and
    used instead; ``report["note"]`` says so.  Returns the report (see the module docstring)."""
    db = Path(db_path) if db_path else DEFAULT_DB
    note = None
    building = db.resolve() == DEFAULT_DB.resolve() and db.exists() and not db.with_suffix(".json").exists()
    if not db.exists() or building:  # the bench KB is complete once its .json side file is written
        state = "is still being built" if building else "not found (make bench builds it)"
        note = (f"{db} {state}: loaded a KB of {fallback_docs} generated articles "
                f"instead, so these figures are not the 100k-KB figures")
        print(f"load: {note}; building it if needed ...", file=sys.stderr, flush=True)
        db = fallback_kb(fallback_docs)
    server = Server(db, free_port(), workers, cache)
    try:
        server.wait_ready()
        stats = httpx.get(server.url + "/api/stats", timeout=60).json()
        paths, words = targets(server.url, random.Random(seed))
        report = asyncio.run(_load(server.url, clients=clients, seconds=seconds, seed=seed, warmup=warmup,
                                   mix=Mix(paths, Tail(words, seed), tail)))
    finally:
        server.stop()
    report = {"db": str(db), "documents": stats.get("documents"), "clients": clients, "duration_s": seconds,
              "server_workers": workers, "cache": cache,
              "targets": len(paths), "tail_share": tail, **report,
              "ok": report["errors"] == 0 and report["p99_ms"] < 500, "target": "0 errors and p99 < 500 ms"}
    if note:
        report["note"] = note
    return report


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", default=str(DEFAULT_DB), help="KB to serve (default build/bench100k.db)")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--workers", type=int, default=DEFAULT_WORKERS, help="server worker processes")
    ap.add_argument("--warmup", type=float, default=15.0, help="seconds of the same mix before the clock starts")
    ap.add_argument("--tail", type=float, default=0.05,
                    help="share of requests that are never-repeated searches (the cache cannot answer them)")
    ap.add_argument("--no-cache", action="store_true", help="turn the server's response cache off")
    ap.add_argument("--fallback-docs", type=int, default=2000, help="size of the KB built when --db is missing")
    ap.add_argument("--json", action="store_true", help="print the report as JSON only")
    ap.add_argument("--out", default=str(ROOT / "build" / "load.json"), help="where the JSON report is written")
    args = ap.parse_args()
    report = run_load(args.db, args.clients, args.seconds, args.fallback_docs, workers=args.workers,
                      cache=not args.no_cache, tail=args.tail, warmup=args.warmup)
    report["date"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2))
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        if report.get("note"):
            print(f"NOTE: {report['note']}")
        print(f"load: {report['clients']} clients x {report['duration_s']:.0f} s on {report['db']} "
              f"({report['documents']} documents; hot set {report['targets']} URLs, Zipf popularity, "
              f"{report['warmup_s']:.0f} s warm-up uncounted; {report['tail_share']:.0%} long-tail searches; {report['server_workers']} server "
              f"worker(s), cache {'on' if report['cache'] else 'off'})")
        print(f"  requests {report['requests']}  throughput {report['throughput_rps']} req/s  errors {report['errors']}")
        print(f"  latency p50 {report['p50_ms']} ms  p90 {report['p90_ms']} ms  p99 {report['p99_ms']} ms  "
              f"max {report['max_ms']} ms")
        for kind, v in report["by_kind"].items():
            print(f"    {kind:12} {v['requests']:6} req  p50 {v['p50_ms']:7} ms  p99 {v['p99_ms']:7} ms  "
                  f"errors {v['errors']}")
        for ex in report["error_examples"]:
            print(f"  error: {ex}")
        print(f"  target {report['target']}: {'met' if report['ok'] else 'NOT met'}")
    raise SystemExit(0 if report["ok"] else 1)


if __name__ == "__main__":
    main()
