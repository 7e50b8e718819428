"""The SolrCloud backend: the same analysis, query semantics and ranking rules as the Whoosh engine,
on a cluster that shards, replicates and fails over by itself.

vnsearch's Python analysis makes every indexed term (:mod:`documents`); Solr only splits them on
spaces, so matching is the Whoosh engine's by construction. Queries are compiled from the same
:class:`~search.retrieval.plan.Plan` (:mod:`queries`); the ranking rules become an ordered list of
sort functions. ``solr://host:port[,host:port…]/solr/collection`` names a backend.
"""
