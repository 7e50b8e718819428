"""`vnsearch serve`: the app under a production WSGI server (never Flask's debug server).

One process is waitress (threads, one interpreter). ``--workers N`` runs gunicorn with N worker
processes sharing the index on disk and the operating system's page cache: Python runs one thread at a
time per process, so a search-heavy load needs a process per core. Its master restarts a worker that
dies, and the others go on answering meanwhile.
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path
from typing import Any

from waitress import create_server

from webui import create_app

SEND_WHOLE = 1 << 18  # bytes: pages and JSON answers are smaller; exports stream in pieces this size


def make_server(  # noqa: PLR0913 - the serve options
    index_dir: str,
    host: str = "127.0.0.1",
    port: int = 8000,
    threads: int = 8,
    config: dict[str, Any] | None = None,
    url_prefix: str = "",
) -> Any:
    app = create_app({"INDEX_DIR": index_dir, **(config or {})})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # send_bytes: still honoured by waitress 3
        return create_server(
            app,
            host=host,
            port=port,
            threads=threads,
            ident="vnsearch",
            clear_untrusted_proxy_headers=True,
            url_prefix=url_prefix.rstrip("/"),  # mounted under /tra-cuu: waitress sets SCRIPT_NAME
            # A response is sent once it is whole (up to this size), its header with its body: a
            # process killed while answering then cuts no reply after its header, which a load
            # balancer could no longer send to another replica. Waitress sends the header alone by
            # default, and a thread waiting for the interpreter widens that gap to milliseconds.
            send_bytes=SEND_WHOLE,
        )


def gunicorn_app(index_dir: str, workers: int, **options: Any) -> Any:
    """A gunicorn application with the serve options, built without a config file."""
    from gunicorn.app.base import BaseApplication  # POSIX only; one process needs none of it
    from werkzeug.middleware.dispatcher import DispatcherMiddleware
    from werkzeug.wrappers import Response

    prefix = str(options.get("url_prefix", "")).rstrip("/")
    host, port = options.get("host", "127.0.0.1"), options.get("port", 8000)
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"

    class App(BaseApplication):
        def load_config(self) -> None:
            for key, value in {
                "bind": [bind],
                "workers": workers,
                "worker_class": "gthread",
                "threads": options.get("threads", 8),
                "timeout": 60,
                "graceful_timeout": 10,
                "accesslog": None,
                "proc_name": "vnsearch",
                "control_socket_disable": True,  # no socket in the user's home
            }.items():
                self.cfg.set(key, value)

        def load(self) -> Any:  # in each worker: its own engine and index handles
            app = create_app({"INDEX_DIR": index_dir, **(options.get("config") or {})})
            if not prefix:
                return app
            return DispatcherMiddleware(Response("Not Found", status=404), {prefix: app})

    return App()


def serve(index_dir: str, **options: Any) -> int:
    """`vnsearch serve`: ``options`` are :func:`make_server`'s (host, port, threads, config, url_prefix)."""
    host = options.get("host", "127.0.0.1")
    port = options.get("port", 8000)
    if not (Path(index_dir) / "CURRENT").exists():
        print(
            f"vnsearch serve: no index in {index_dir} yet; build one with `vnsearch index` "
            "(the page explains this until then)",
            file=sys.stderr,
        )
    workers = int(options.pop("workers", 1) or 1)
    shown = f"[{host}]" if ":" in host else host
    if host in ("0.0.0.0", "::"):
        shown = "127.0.0.1"
    prefix = str(options.get("url_prefix", "")).rstrip("/")
    if workers > 1:
        where = f"http://{shown}:{port}{prefix}/"
        print(f"vnsearch: serving {index_dir} with {workers} processes — open {where}", flush=True)
        gunicorn_app(index_dir, workers, **options).run()  # returns when the master is stopped
        return 0
    try:
        server = make_server(index_dir, **options)
    except (OSError, ValueError) as exc:
        print(f"vnsearch serve: {exc}", file=sys.stderr)
        return 2
    port_shown = getattr(server, "effective_port", port)
    print(f"vnsearch: serving {index_dir} — open http://{shown}:{port_shown}{prefix}/", flush=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
    return 0
