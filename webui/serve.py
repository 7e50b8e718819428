"""`vnsearch serve`: the app under waitress, a production WSGI server (never Flask's debug server)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from waitress import create_server

from webui import create_app


def make_server(  # noqa: PLR0913 - the serve options
    index_dir: str,
    host: str = "127.0.0.1",
    port: int = 8000,
    threads: int = 8,
    config: dict[str, Any] | None = None,
    url_prefix: str = "",
) -> Any:
    app = create_app({"INDEX_DIR": index_dir, **(config or {})})
    return create_server(
        app,
        host=host,
        port=port,
        threads=threads,
        ident="vnsearch",
        clear_untrusted_proxy_headers=True,
        url_prefix=url_prefix.rstrip("/"),  # mounted under /tra-cuu: waitress sets SCRIPT_NAME
    )


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
    try:
        server = make_server(index_dir, **options)
    except (OSError, ValueError) as exc:
        print(f"vnsearch serve: {exc}", file=sys.stderr)
        return 2
    shown = f"[{host}]" if ":" in host else host
    if host in ("0.0.0.0", "::"):
        shown = "127.0.0.1"
    port_shown = getattr(server, "effective_port", port)
    prefix = str(options.get("url_prefix", "")).rstrip("/")
    print(f"vnsearch: serving {index_dir} — open http://{shown}:{port_shown}{prefix}/", flush=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
    return 0
