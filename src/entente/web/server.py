"""Running the web app under uvicorn: ``entente serve [--workers N]``.

One worker serves in this process.  With ``--workers N`` uvicorn starts N worker
processes (each with its own KB connections and response cache) that share the
listening socket; they build their app with :func:`app_from_env` from the KB URL this
process puts in ``$ENTENTE_SERVE_DB``.  Each worker sees writes made by the others (or
by the command line) through the KB generation (:mod:`entente.web.generation`).

The shared listening socket is made here, not by uvicorn: uvicorn's own is created with
protocol number 0, so asyncio does not set ``TCP_NODELAY`` on the connections it accepts, and
every small answer then waited ~40 ms for the client's delayed ACK (Nagle's algorithm).
"""

from __future__ import annotations

import gc
import os
import socket
from collections.abc import Callable

from fastapi import FastAPI

from ..kb import open_kb, resolve_db_url
from .app import create_app

SERVE_DB_ENV = "ENTENTE_SERVE_DB"


def build_app(db_url: str) -> FastAPI:
    """The app for a long-running server process.

    After start-up (spaCy, the country tables, templates, the overview) the objects alive are
    moved out of the garbage collector's reach (``gc.freeze``): they live as long as the process,
    and without this every full collection walks them again, in the middle of a request."""
    app = create_app(db_url)
    gc.collect()
    gc.freeze()
    return app


def app_from_env() -> FastAPI:
    """uvicorn's app factory in each worker process (``entente.web.server:app_from_env``)."""
    return build_app(os.environ[SERVE_DB_ENV])


def listening_socket(host: str, port: int) -> socket.socket:
    """A bound TCP socket for the worker processes to share, with ``TCP_NODELAY`` on every connection."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)  # the protocol asyncio checks
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # Linux passes it on to accepted sockets
    try:
        sock.bind((host, port))
    except OSError as e:
        sock.close()
        raise SystemExit(f"entente: cannot listen on {host}:{port}: {e.strerror or e}") from None
    sock.set_inheritable(True)
    return sock


def serve(db: str | None, host: str, port: int, workers: int = 1, log: Callable[[str], None] = print) -> None:
    """Serve the KB at ``db`` on ``host:port`` with ``workers`` processes (see the module docstring)."""
    import uvicorn

    url = resolve_db_url(db)
    options = {"host": host, "port": port, "log_level": "warning", "server_header": False}
    where = f"http://{host}:{port}/ (API docs at /docs)"
    if workers <= 1:
        web_app = build_app(url)
        log(f"entente: serving {web_app.state.kb.url} on {where}")
        uvicorn.run(web_app, **options)
        return
    open_kb(url).close()  # open (and migrate) once here: a bad --db fails before any worker starts
    os.environ[SERVE_DB_ENV] = url
    from uvicorn.supervisors import Multiprocess

    config = uvicorn.Config(f"{__name__}:app_from_env", factory=True, workers=workers, **options)
    sock = listening_socket(host, port)
    log(f"entente: serving {url} on {where} with {workers} worker processes")
    try:
        Multiprocess(config, sockets=[sock]).run()
    finally:
        sock.close()
