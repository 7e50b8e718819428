# Two entry points for people: `make run` and `make test`. Everything else is set-up they call.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
HOST    ?= 127.0.0.1
PORT    ?= 8000
INDEX   ?= index
VENDOR  := webui/static/vendor

.PHONY: run test test-fast setup lint index serve bench bench-1m load eval eval-stories clean browser nginx solr-launcher bench-solr load-cluster

$(BIN)/.installed: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

$(VENDOR)/htmx.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	mkdir -p $(VENDOR)
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx.min.js

setup: $(BIN)/.installed $(VENDOR)/htmx.min.js

# Debian's chromium for the browser tests (Playwright drives it; it never downloads a browser of its own).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# Debian's nginx for the tests of replicas behind a load balancer (tests/web/test_replicas.py).
nginx:
	@command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null; }

index: setup
	$(BIN)/vnsearch index corpus --index $(INDEX)

serve: setup
	$(BIN)/vnsearch serve --index $(INDEX) --host $(HOST) --port $(PORT)

run: index serve

lint: setup
	$(BIN)/ruff check search webui tests bench
	$(BIN)/mypy

# The SolrCloud launcher for the Solr backend's tests (Maven fetches Solr once); skipped without Java and Maven.
LAUNCHER := solr/launcher/target/solr-launcher-1.0.jar
$(LAUNCHER): solr/launcher/pom.xml $(shell find solr/launcher/src -type f 2>/dev/null)
	@if command -v mvn >/dev/null 2>&1 && command -v java >/dev/null 2>&1; then \
	  cd solr/launcher && mvn -q -B package; \
	else echo "no Java or Maven: the SolrCloud tests will be skipped"; fi

solr-launcher: $(LAUNCHER)

test: setup browser nginx lint solr-launcher
	$(BIN)/pytest -q

# The quick loop while working: no browser, no spawned processes or large builds.
test-fast: setup
	$(BIN)/pytest -q -m "not browser and not slow"

bench: setup
	$(BIN)/python -m bench.run

# One million generated articles (hours on two cores: see docs/scaling.md); the slow plain-Whoosh
# baseline only on the first 30 queries of the mix.
bench-1m: setup
	$(BIN)/python -m bench.run --sizes 1000000 --baseline-queries 30

load: setup
	$(BIN)/pip install --quiet -e '.[test,load]'
	$(BIN)/python -m bench.load

# The deployment of docs/deploy.md at 100,000 articles: SolrCloud indexing with Dask beside Whoosh, then
# Locust through nginx to 2 replicas of each backend, undisturbed and with a Solr node and a replica killed.
load-cluster: setup nginx solr-launcher
	$(BIN)/pip install --quiet -e '.[test,load]'
	$(BIN)/python -m bench.cluster

# Relevance against SQLite FTS5 and a tantivy "Elasticsearch recipe" on ../shared/corpora (bench/README.md).
$(BIN)/.eval-installed: $(BIN)/.installed pyproject.toml
	$(BIN)/pip install --quiet -e '.[eval]'
	touch $@

eval: $(BIN)/.eval-installed
	$(BIN)/python -m bench.eval

# The Solr backend beside the Whoosh engine on ../shared/corpora: index time and size, latency, parity.
bench-solr: setup solr-launcher
	$(BIN)/python -m bench.solr

# Grouping of republished copies: pairwise precision and recall on labelled and generated pairs.
eval-stories: setup
	$(BIN)/python -m bench.stories

clean:
	rm -rf $(VENV) node_modules $(VENDOR) $(INDEX)/* .pytest_cache
