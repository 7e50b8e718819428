"""`vnsearch`: extract, index, query, watch, serve, bench."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence

from search import registry
from search.model import SiteDefaults

DEFAULT_INDEX = "index"
BACKEND_HELP = "a SolrCloud collection, solr://host:port[,host:port]/solr/NAME, instead of --index"
NOTICES = {
    "loose_match": "no article holds these words together; showing articles with all the syllables anywhere",
    "operators_ignored": "parentheses, NEAR, ~ and ^ are not supported and were read as words",
}


def _site(args: argparse.Namespace) -> SiteDefaults | None:
    values = {k: getattr(args, k, None) for k in ("source_url", "province", "district", "unit")}
    return SiteDefaults(**values) if any(values.values()) else None


def cmd_extract(args: argparse.Namespace) -> int:
    from search import ingest as load
    from search.extract import extract
    from search.extract.quality import Quality

    report = load.LoadReport(0, [])
    quality = Quality()
    for raw in load.iter_documents(args.paths, report, site=_site(args)):
        try:
            article = extract(raw)
        except Exception as exc:  # report and go on: one bad page must not stop the run
            report.skipped.append(load.Skip(raw.origin, f"extraction failed: {exc}"))
            continue
        doc = article.to_json()
        quality.add(doc)
        if not args.report:
            print(json.dumps(doc, ensure_ascii=False), flush=True)
    if args.report == "json":
        print(json.dumps({**quality.as_dict(), "load": report.summary()}, ensure_ascii=False, indent=2))
    elif args.report:
        print(quality.render())
    print(report.summary(), file=sys.stderr)
    return 0


def cmd_index(args: argparse.Namespace) -> int:
    from search.indexing.build import MissingPath, PruneRefused, build
    from search.indexing.store import IndexBusy, IndexUnwritable

    def confirm(remove: int, total: int) -> bool:
        if args.yes:
            return True
        if not sys.stdin.isatty():
            return False
        answer = input(f"Remove {remove} of the {total} documents in the index? [y/N] ")
        return answer.strip().lower() in ("y", "yes", "c", "có")

    if args.backend:
        return _index_solr(args)
    try:
        report = build(
            args.paths or ["corpus"],
            args.index,
            site=_site(args),
            workers=args.workers,
            progress=not args.quiet,
            prune=args.prune,
            confirm=confirm,
            dask=args.dask,
        )
    except (MissingPath, PruneRefused) as exc:
        print(f"vnsearch index: {exc}", file=sys.stderr)
        return 2
    except (IndexBusy, IndexUnwritable) as exc:
        print(f"vnsearch index: {exc}", file=sys.stderr)
        return 3
    print(report.summary(), file=sys.stderr)
    return 0


def _index_solr(args: argparse.Namespace) -> int:
    from search.indexing.build import MissingPath, PruneRefused
    from search.solr import indexing
    from search.solr.client import BackendUnavailable, SolrError, parse_address

    try:
        report = indexing.build(
            args.paths or ["corpus"],
            parse_address(args.backend),
            site=_site(args),
            workers=args.workers,
            progress=not args.quiet,
            prune=args.prune,
            dask=args.dask,
        )
    except (MissingPath, PruneRefused, ValueError) as exc:
        print(f"vnsearch index: {exc}", file=sys.stderr)
        return 2
    except (BackendUnavailable, SolrError) as exc:
        print(f"vnsearch index: {exc}", file=sys.stderr)
        return 3
    print(report.summary(), file=sys.stderr)
    return 0


def cmd_solr_init(args: argparse.Namespace) -> int:
    from search.solr import admin
    from search.solr.client import BackendUnavailable, SolrError, parse_address

    try:
        print(admin.init(parse_address(args.url), shards=args.shards, replicas=args.replicas))
    except ValueError as exc:
        print(f"vnsearch solr init: {exc}", file=sys.stderr)
        return 2
    except (BackendUnavailable, SolrError) as exc:
        print(f"vnsearch solr init: {exc}", file=sys.stderr)
        return 3
    return 0


def cmd_solr_cloud(args: argparse.Namespace) -> int:
    """A SolrCloud on loopback to try the backend with (the tests' launcher), until Ctrl-C."""
    from search.solr.cloud import CloudUnavailable, SolrCloud

    try:
        with SolrCloud(nodes=args.nodes, folder=args.dir) as cloud:
            print(f"SolrCloud up: {len(cloud.nodes)} nodes, ZooKeeper {cloud.zk}", flush=True)
            print(f"  vnsearch solr init {cloud.address('vnsearch')}", flush=True)
            try:
                while True:
                    time.sleep(3600)
            except KeyboardInterrupt:
                print("stopping", file=sys.stderr)
    except CloudUnavailable as exc:
        print(f"vnsearch solr cloud: {exc}", file=sys.stderr)
        return 3
    return 0


def _filters(pairs: Sequence[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep:
            raise SystemExit(f"vnsearch: --filter takes FIELD=VALUE, got {pair!r}")
        out.setdefault(name.strip(), []).append(value.strip())
    return out


def cmd_query(args: argparse.Namespace) -> int:
    from search.backends import open_engine
    from search.indexing.store import IndexMissing
    from search.retrieval.engine import SearchError, SearchRequest

    try:
        request = SearchRequest.build(
            args.query,
            _filters(args.filter),
            sort=args.sort,
            page=args.page,
            per_page=args.per_page,
            date_from=args.date_from,
            date_to=args.date_to,
            restore_accents=not args.exact,
        )
        results = open_engine(args.index, args.backend).search(request)
    except (SearchError, IndexMissing, ValueError) as exc:
        print(f"vnsearch query: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(results.to_json(), ensure_ascii=False, indent=1))
        return 0
    print(f"{results.total} kết quả / results ({results.took_ms:.0f} ms)")
    if results.interpreted:
        print(f"Kết quả cho / results for: {results.interpreted}  (--exact: as typed)")
    for code in results.notices:
        print(f"note: {NOTICES.get(code, code)}")
    if results.suggestion:
        print(f"Có phải bạn muốn tìm / did you mean: {results.suggestion}")
    for n, hit in enumerate(results.hits, start=(results.page - 1) * results.per_page + 1):
        print(f"{n:3}. {hit.title}")
        print(f"     {hit.date or '?'} · {hit.province or '?'} · {', '.join(hit.units) or '-'} · {hit.origin}")
    return 0


def cmd_watch(args: argparse.Namespace) -> int:
    """New matches for saved searches: printed, and written as a digest for cron to mail or publish."""
    import datetime as dt
    from pathlib import Path

    from search import watch
    from search.indexing.store import IndexMissing
    from search.retrieval.engine import Engine, SearchError

    now = dt.datetime.now().astimezone()
    try:
        since = watch.parse_since(args.since) if args.since else None
        seen_path = Path(args.seen) if args.seen else None
        seen = watch.load_seen(seen_path) if seen_path else None
        found = watch.watch(Engine(args.index), args.queries, since, _filters(args.filter), seen)
    except (SearchError, IndexMissing, ValueError) as exc:
        print(f"vnsearch watch: {exc}", file=sys.stderr)
        return 2
    for w in found:
        print(f"{w.query or '(every article)'}: {len(w.new)} mới / new (of {w.total})")
        for hit in w.new:
            print(f"  {hit.date or '?':10} · {hit.province or '?'} · {hit.title}")
            print(f"  {'':10}   {watch.link(hit, args.base_url)}")
    if args.digest:
        watch.replace_file(Path(args.digest), watch.digest(found, since, args.base_url, now))
    if seen_path is not None and seen is not None:
        watch.save_seen(seen_path, seen | {hit.id for w in found for hit in w.new}, now)
    new = sum(len(w.new) for w in found)
    written = f"; digest in {args.digest}" if args.digest else ""
    print(f"{new} new for {len(found)} searches" + (f" since {since}" if since else "") + written, file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from webui.serve import serve

    config = {
        key: value
        for key, value in (("FRAME_ANCESTORS", args.frame_ancestors), ("CORS_ORIGINS", args.cors))
        if value is not None
    }
    if args.backend:
        config["BACKEND"] = args.backend
    return serve(
        args.index,
        host=args.host,
        port=args.port,
        threads=args.threads,
        workers=args.workers,
        config=config,
        url_prefix=args.url_prefix,
    )


def cmd_nginx_config(args: argparse.Namespace) -> int:
    from webui.balancer import config

    print(config(args.upstream, listen=args.listen, state=args.state), end="")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="vnsearch", description="Vietnamese news search with faceted browse")
    sub = parser.add_subparsers(dest="command", required=True)

    def site_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--source-url", help="the portal these pages come from")
        p.add_argument("--province", help="default province (before 2025)")
        p.add_argument("--district", help="default district")
        p.add_argument("--unit", help="default unit, e.g. 'Ban Tuyên giáo Huyện ủy Nam Trực'")

    p = sub.add_parser("extract", help="print one JSON article per input document")
    p.add_argument("paths", nargs="+")
    p.add_argument(
        "--report",
        nargs="?",
        const="text",
        choices=["text", "json"],
        help="print, instead of the articles, per field how many got it and from where",
    )
    site_options(p)
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("index", help="build or update the index")
    p.add_argument("paths", nargs="*", help="files or folders (default: corpus/)")
    p.add_argument("--index", default=DEFAULT_INDEX)
    p.add_argument("--workers", type=int, default=None, help="analysis processes (default: all cores)")
    p.add_argument("--prune", action="store_true", help="remove documents whose files under PATH are gone")
    p.add_argument("--yes", action="store_true", help="with --prune: remove even more than half of the index")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--backend", metavar="URL", help=BACKEND_HELP)
    p.add_argument(
        "--dask", metavar="SCHEDULER", help="extract and segment on a dask.distributed cluster (tcp://host:8786)"
    )
    site_options(p)
    p.set_defaults(func=cmd_index)

    p = sub.add_parser("query", help="search the index")
    p.add_argument("query", nargs="?", default="")
    p.add_argument("--index", default=DEFAULT_INDEX)
    p.add_argument("--filter", action="append", default=[], metavar="FIELD=VALUE")
    p.add_argument("--from", dest="date_from")
    p.add_argument("--to", dest="date_to")
    p.add_argument("--sort", default=registry.DEFAULT_SORT, choices=list(registry.SORTS))
    p.add_argument("--page", type=int, default=1)
    p.add_argument("--per-page", type=int, default=10)
    p.add_argument("--json", action="store_true")
    p.add_argument("--exact", action="store_true", help="rank by the accents as typed (no restoring)")
    p.add_argument("--backend", metavar="URL", help=BACKEND_HELP)
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("watch", help="print what is new for saved searches (for cron), optionally as a digest")
    p.add_argument("queries", nargs="+", metavar="QUERY", help="one or more searches, as typed in the search box")
    p.add_argument("--index", default=DEFAULT_INDEX)
    p.add_argument("--since", metavar="DATE", help="articles dated from this day (2026-11-01) or span back (7d, 2w)")
    p.add_argument("--filter", action="append", default=[], metavar="FIELD=VALUE")
    p.add_argument("--seen", metavar="FILE", help="remember what was reported here; report only what is not in it")
    p.add_argument("--digest", metavar="FILE", help="also write the new articles to FILE as Markdown")
    p.add_argument("--base-url", metavar="URL", help="link to the article pages of this site (else to the source)")
    p.set_defaults(func=cmd_watch)

    p = sub.add_parser("serve", help="serve the web UI with a production WSGI server")
    p.add_argument("--index", default=DEFAULT_INDEX)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--threads", type=int, default=8, help="threads per process")
    p.add_argument(
        "--workers", type=int, default=1, help="processes sharing the index (gunicorn; one per core for heavy load)"
    )
    p.add_argument("--url-prefix", default="", help="serve under this path, e.g. /tra-cuu behind a portal's proxy")
    p.add_argument(
        "--frame-ancestors",
        metavar="ORIGINS",
        help="sites allowed to frame /embed, e.g. 'https://a.gov.vn https://b.gov.vn' (default: any site)",
    )
    p.add_argument(
        "--cors", metavar="ORIGINS", help="sites allowed to read the JSON/CSV/Atom API from a browser ('*': any)"
    )
    p.add_argument("--backend", metavar="URL", help=BACKEND_HELP)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("nginx-config", help="print an nginx configuration balancing several `vnsearch serve` replicas")
    p.add_argument("--upstream", action="append", required=True, metavar="HOST:PORT", help="a replica (repeat)")
    p.add_argument("--listen", default="0.0.0.0:80", metavar="[HOST:]PORT")
    p.add_argument("--state", default="/var/lib/vnsearch-nginx", help="folder for nginx's pid, log and temp files")
    p.set_defaults(func=cmd_nginx_config)

    p = sub.add_parser("solr", help="SolrCloud backend administration")
    solr_sub = p.add_subparsers(dest="solr_command", required=True)
    p = solr_sub.add_parser("init", help="upload vnsearch's configset and create the collection")
    p.add_argument("url", help="solr://host:port[,host:port]/solr/COLLECTION")
    p.add_argument("--shards", type=int, default=2)
    p.add_argument("--replicas", type=int, default=2, help="copies of each shard (2 or more survive a node)")
    p.set_defaults(func=cmd_solr_init)
    p = solr_sub.add_parser("cloud", help="run a SolrCloud on this machine to try the backend (Java, Maven)")
    p.add_argument("--nodes", type=int, default=2)
    p.add_argument("--dir", help="where its data goes (default: a temporary folder, removed at the end)")
    p.set_defaults(func=cmd_solr_cloud)

    args = parser.parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
