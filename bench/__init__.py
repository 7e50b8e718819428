"""Benchmarks: a corpus generator, the naive Whoosh baseline and the measuring run (`make bench`)."""
