"""Small articles of our own for the web tests, and a helper that builds a KB from them.

The texts are written for these tests (about real, dated bilateral events) and
are deliberately short; one of them carries hostile markup to prove escaping.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ARTICLES: dict[str, str] = {
    "vnm_jpn_upgrade.txt": """\
Title: Vietnam and Japan raise ties to a comprehensive strategic partnership
Outlet: Test Wire
Date: 2023-11-27
---
TOKYO, Nov 27 (Test Wire) - Vietnamese President Vo Van Thuong and Japanese Prime Minister \
Fumio Kishida held talks in Tokyo on Monday and agreed to upgrade relations between Vietnam and \
Japan to a comprehensive strategic partnership.

The two leaders agreed to expand cooperation in semiconductors, digital transformation and \
clean energy, and Japan pledged support for infrastructure projects in Vietnam.

Both sides signed a memorandum of understanding on cooperation in higher education and agreed \
to hold a foreign ministers' strategic dialogue next year.
""",
    "ind_aus_talks.txt": """\
Title: India and Australia plan annual summit on trade and defence
Outlet: Test Wire
Date: 2023-03-10
---
NEW DELHI, March 10 (Test Wire) - Australian Prime Minister Anthony Albanese and Indian Prime \
Minister Narendra Modi met in New Delhi on Friday for the first India-Australia annual summit.

The two prime ministers discussed defence cooperation, maritime security and critical minerals, \
and agreed to conclude a comprehensive economic cooperation agreement by the end of 2023.

Bilateral trade between India and Australia reached US$31 billion in 2022, officials said.
""",
    "hostile_markup.txt": """\
Title: Malaysia and Japan <script>window.__pwned = 1</script> discuss maritime security
Outlet: Test Wire
Date: 2024-05-02
---
KUALA LUMPUR, May 2 (Test Wire) - Malaysia and Japan agreed on Thursday to deepen maritime \
security cooperation <img src=x onerror="window.__pwned = 2"> including joint coast guard exercises.

Officials said <script>document.title = 'pwned'</script> the Malaysian and Japanese coast guards \
would hold a joint drill off Sabah later this year.
""",
}


def write_articles(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in ARTICLES.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def build_kb(db_path: Path, sources: list[Path]):
    """Ingest ``sources`` (files or folders) into a fresh SQLite KB at ``db_path``; returns the open KB."""
    from entente.kb import open_kb
    from entente.kb import queries as q
    from entente.read import read_paths

    kb = open_kb(db_path)
    with kb.session() as session:
        result = q.ingest_documents(session, read_paths([str(s) for s in sources]))
    assert not result.failures, result.failures
    return kb


@contextmanager
def served(app) -> Iterator[str]:
    """``app`` served by uvicorn on a free loopback port in a thread: yields its base URL, stops it after."""
    import uvicorn

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)

