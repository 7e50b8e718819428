"""vnsearch engine: load -> extract -> analyse -> index -> search. Never imports Flask."""
