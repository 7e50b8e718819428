"""The machine twins of the search page: JSON, CSV (every row, streamed) and Atom, one renderer each.

A new format is one function here with ``@twin``; its route, role and download link follow.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile

from flask import Response, current_app, jsonify, render_template, stream_with_context

from search.retrieval.engine import Engine
from search.retrieval.request import MAX_PER_PAGE
from webui import citations
from webui.render import CSV_COLUMNS, csv_stream, export_rows, result_pages, results_json, twin
from webui.state import SearchState
from webui.views.search import SEARCH_PATH, absolute, doc_path


@twin("json", "JSON", role="api")
def render_json(engine: Engine, state: SearchState) -> Response:
    results = engine.search(state.request())
    return jsonify(results_json(results, state, absolute, doc_path))


@twin("csv", "CSV", role="export", paging=False, attachment=True)
def render_csv(engine: Engine, state: SearchState) -> Response:
    first = engine.search(state.request(facets=(), page=1, per_page=MAX_PER_PAGE, group=False))
    stream = csv_stream(engine, state, first, lambda doc_id: absolute(doc_path(doc_id)))
    filename = "vnsearch-" + dt.date.today().isoformat() + ".csv"
    return Response(
        stream_with_context(stream),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@twin("xlsx", "Excel", role="export", paging=False, attachment=True)
def render_xlsx(engine: Engine, state: SearchState) -> Response:
    """Every matching row in a real spreadsheet: no import dialog, no mojibake, dates as dates.

    XlsxWriter's constant-memory mode writes row by row to a temporary file (a workbook is a zip and
    is only complete at its end), then the file is sent and removed.
    """
    import xlsxwriter

    first = engine.search(state.request(facets=(), page=1, per_page=MAX_PER_PAGE, group=False))
    rows = export_rows(engine, state, first, lambda doc_id: absolute(doc_path(doc_id)))
    handle = tempfile.NamedTemporaryFile(prefix="vnsearch-", suffix=".xlsx", delete=False)  # noqa: SIM115
    handle.close()
    try:
        book = xlsxwriter.Workbook(handle.name, {"constant_memory": True, "strings_to_formulas": False})
        sheet = book.add_worksheet("vnsearch")
        bold, day = book.add_format({"bold": True}), book.add_format({"num_format": "yyyy-mm-dd"})
        date_col = CSV_COLUMNS.index("date")
        for col, name in enumerate(CSV_COLUMNS):
            sheet.write_string(0, col, name, bold)
        for r, row in enumerate(rows, start=1):
            for col, value in enumerate(row):
                if value is None or value == "":
                    continue
                if col == date_col:
                    sheet.write_datetime(r, col, dt.datetime.fromisoformat(value), day)
                else:
                    sheet.write_string(r, col, value)  # never a formula, whatever the text says
        sheet.freeze_panes(1, 0)
        book.close()
        data = open(handle.name, "rb").read()  # noqa: SIM115
    finally:
        os.unlink(handle.name)
    filename = "vnsearch-" + dt.date.today().isoformat() + ".xlsx"
    return Response(
        data,
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@twin("atom", "Atom", role="feed", paging=False)
def render_atom(engine: Engine, state: SearchState) -> Response:
    size = current_app.config["FEED_SIZE"]
    results = engine.search(state.request(facets=(), sort="newest", page=1, per_page=size))
    newest = next((h.date for h in results.hits if h.date), None)
    body = render_template(
        "search.atom.xml",
        state=state,
        results=results,
        absolute=absolute,
        doc_path=doc_path,
        feed_url=absolute(state.url("/search.atom", paging=False)),
        html_url=absolute(state.with_page(1).url(SEARCH_PATH)),
        # An undated entry is "updated" when our index last changed, never on an invented day.
        updated=engine.updated() or (f"{newest}T00:00:00Z" if newest else "1970-01-01T00:00:00Z"),
    )
    return Response(body, mimetype="application/atom+xml")


def _citation_twin(fmt: citations.Format) -> None:
    """Every result of a search as references (RIS, BibTeX, CSL-JSON), streamed a page at a time."""

    def render(engine: Engine, state: SearchState) -> Response:
        today = dt.date.today()
        pages = (
            [citations.csl_item(vars(hit), absolute(doc_path(hit.id)), today) for hit in hits]
            for hits in result_pages(engine, state)
        )
        filename = "vnsearch-" + today.isoformat() + "." + fmt.ext
        return Response(
            stream_with_context(fmt.stream(pages)),
            mimetype=fmt.mimetype,
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )

    twin(fmt.ext, fmt.label, role="export", paging=False, attachment=True)(render)


for _fmt in citations.FORMATS.values():
    _citation_twin(_fmt)
