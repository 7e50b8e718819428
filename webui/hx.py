"""The app's flask-htmx extension: which requests are htmx swaps, history restores or boosted links."""

from flask_htmx import HTMX

htmx = HTMX()
