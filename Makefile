# The two set-up commands on a fresh machine:
#   make demo   provision against the embedded emulator and print the result
#   make test   sanity, unit, emulator and integration tests, ansible-lint, molecule, a stale-docs check

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
VPY := $(VENV)/bin/python
BIN := $(VENV)/bin
CACHE := .cache
# A copy of the collection for ansible-test (override SANITY_ROOT to keep several apart).
SANITY_ROOT ?= $(CACHE)/sanity
COLLECTION_TREE := $(SANITY_ROOT)/ansible_collections/elastic_cloud/cloud
DEMO_COLLECTIONS := $(CACHE)/demo-collections
# ansible-test keeps its pip bootstrap script and virtual environments under ~/.ansible/test:
# the sanity run gets a home of its own under .cache, so make test writes nothing outside the repository.
SANITY_HOME := $(abspath $(CACHE)/sanity-home)
# Everything else Ansible keeps (local temp files, galaxy cache) stays under .cache too.
export ANSIBLE_HOME ?= $(abspath $(CACHE)/ansible-home)
PIP_VERSION_TAG := 24_2
GET_PIP_CACHE := $(SANITY_HOME)/.ansible/test/cache/get_pip_$(PIP_VERSION_TAG).py
EMULATOR_ARGS ?= --phase-delay 1 --delete-delay 0.5
# The emulator is its own Python project (emulator/); from a checkout it runs with that folder on PYTHONPATH.
EMULATOR_PATH := $(abspath emulator)
SPECS_DIR := emulator/elastic_cloud_emulator/specs
EMULATOR_PORT ?= 8080

.PHONY: demo test venv collection-tree sanity units emulator-tests integration integration-real lint build clean emulator

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed

# ansible-test needs the collection under ansible_collections/<namespace>/<name>.
collection-tree: venv
	rm -rf $(COLLECTION_TREE)
	mkdir -p $(COLLECTION_TREE)
	# The vendor specs are data, not code: sanity's linters have nothing to say about them.
	git ls-files -co --exclude-standard -z -- . ':!$(SPECS_DIR)' | tar --null -T - -cf - | tar -xf - -C $(COLLECTION_TREE)
	# Its own git repository, so ansible-test lists its files rather than the enclosing checkout's.
	cd $(COLLECTION_TREE) && git init -q && git add -A

$(GET_PIP_CACHE): tests/ci/get_pip_standin.py
	mkdir -p $(dir $@)
	cp $< $@

SANITY_TESTS ?=
sanity: collection-tree $(GET_PIP_CACHE)
	cd $(COLLECTION_TREE) && HOME=$(SANITY_HOME) $(abspath $(BIN))/ansible-test sanity --venv --requirements --python 3.11 --color no \
		$(foreach t,$(SANITY_TESTS),--test $(t))

units: venv
	$(VPY) -m pytest tests/unit -q

emulator-tests: venv
	$(VPY) -m pytest emulator/tests -q

# The emulator in the foreground on http://127.0.0.1:$(EMULATOR_PORT), for trying the collection by hand
# (key: emulator-api-key); Ctrl-C stops it.
emulator: venv
	PYTHONPATH=$(EMULATOR_PATH) $(VPY) -m elastic_cloud_emulator --port $(EMULATOR_PORT) $(EMULATOR_ARGS)

integration: venv
	$(VPY) -m pytest tests/integration -q

# The integration targets against a real Elastic Cloud account (EC_TEST_PLATFORM=ece for an ECE installation at
# EC_TEST_ENDPOINT): they create, bill and delete real resources named ansible-test-<random>-*. Skipped without a key.
EC_TEST_API_KEY ?=
integration-real: venv
	@if [ -z "$(EC_TEST_API_KEY)" ]; then \
		echo "integration-real skipped: set EC_TEST_API_KEY (and EC_TEST_ENDPOINT, EC_TEST_PLATFORM=ess|ece) to run it"; \
	else \
		EC_TEST_API_KEY="$(EC_TEST_API_KEY)" $(VPY) -m pytest tests/integration/test_targets.py -q -k real_api -p no:cacheprovider; \
	fi

# The repository itself, seen through an ansible_collections/<namespace>/<name> link.
COLLECTION_LINK_ROOT := $(CACHE)/collection-link
$(COLLECTION_LINK_ROOT)/ansible_collections/elastic_cloud/cloud:
	mkdir -p $(dir $@)
	ln -sfn $(abspath .) $@

lint: venv $(COLLECTION_LINK_ROOT)/ansible_collections/elastic_cloud/cloud
	PATH=$(abspath $(BIN)):$$PATH ANSIBLE_COLLECTIONS_PATH=$(abspath $(COLLECTION_LINK_ROOT)) ansible-lint --offline --profile production

# One molecule scenario per role (extensions/molecule/<role>), each against its own emulator.
molecule: venv $(COLLECTION_LINK_ROOT)/ansible_collections/elastic_cloud/cloud
	PATH=$(abspath $(BIN)):$$PATH ANSIBLE_COLLECTIONS_PATH=$(abspath $(COLLECTION_LINK_ROOT)) molecule test --all

# In parallel, one worker per core (each with its own emulators); the 15 slowest tests are listed.
PYTEST_ARGS ?= -n auto --durations=15
pytest: venv
	$(VPY) -m pytest tests/unit emulator/tests tests/integration -q $(PYTEST_ARGS)

# The oldest and the newest ansible-core that meta/runtime.yml claims, each in a venv of its own: the unit tests
# and a smoke set of integration tests run under each.
ANSIBLE_CORE_VERSIONS ?= 2.16.19 2.19.14
COMPAT_REQUIREMENTS := requests==2.34.2 pytest==9.2.0 pytest-xdist==3.8.0 openapi-core==0.23.1 jsonschema==4.26.0 PyYAML==6.0.3
COMPAT_SMOKE := tests/integration/test_targets.py tests/integration/test_inventory.py tests/integration/test_examples.py \
	-k "region_info or project_elasticsearch or api_key or projects or credentials_reset or include_status or old_plugin"
.PHONY: compat
compat: $(foreach version,$(ANSIBLE_CORE_VERSIONS),compat-$(version))

# A venv is kept between runs, not deleted as an intermediate file once the tests used it.
.PRECIOUS: $(CACHE)/core-%/.installed
$(CACHE)/core-%/.installed:
	$(PYTHON) -m venv $(CACHE)/core-$*
	$(CACHE)/core-$*/bin/pip install --quiet "ansible-core==$*" $(COMPAT_REQUIREMENTS)
	touch $@

compat-%: $(CACHE)/core-%/.installed
	$(CACHE)/core-$*/bin/python -m pytest -q -p no:cacheprovider -n auto tests/unit --ignore=tests/unit/test_changelog.py
	$(CACHE)/core-$*/bin/python -m pytest -q -p no:cacheprovider -n auto $(COMPAT_SMOKE)

# Every suite runs even when an earlier one fails (-k); the target fails if any did.
test: venv
	$(MAKE) -k sanity pytest lint molecule docs-check compat

build: venv
	mkdir -p $(CACHE)/build
	$(BIN)/ansible-galaxy collection build --force --output-path $(CACHE)/build

demo: build
	rm -rf $(DEMO_COLLECTIONS)
	$(BIN)/ansible-galaxy collection install --force -p $(DEMO_COLLECTIONS) $(CACHE)/build/elastic_cloud-cloud-*.tar.gz
	$(VPY) tests/demo.py --collections-path $(DEMO_COLLECTIONS) -- $(EMULATOR_ARGS)

clean:
	rm -rf $(CACHE) tests/output

# -- Plugin and role reference (docs/plugins, committed so it reads on the repository) --
DOCS_PLUGINS := docs/plugins
DOCS_ENV = PATH=$(abspath $(BIN)):$$PATH ANSIBLE_COLLECTIONS_PATH=$(abspath $(COLLECTION_LINK_ROOT)) ANSIBLE_COLLECTIONS_SCAN_SYS_PATH=false

.PHONY: docs docs-lint docs-check
DOCS_BUILD = $(DOCS_ENV) antsibull-docs collection --use-current --squash-hierarchy --output-format simplified-rst \
	--no-add-antsibull-docs-version --no-breadcrumbs --cleanup everything --fail-on-error
docs: venv $(COLLECTION_LINK_ROOT)/ansible_collections/elastic_cloud/cloud
	mkdir -p $(DOCS_PLUGINS)
	$(DOCS_BUILD) --dest-dir $(DOCS_PLUGINS) elastic_cloud.cloud
	$(MAKE) docs-lint

# The committed reference must be what the code generates: a stale docs/plugins fails make test.
DOCS_CHECK := $(CACHE)/docs-check
docs-check: venv $(COLLECTION_LINK_ROOT)/ansible_collections/elastic_cloud/cloud
	rm -rf $(DOCS_CHECK) && mkdir -p $(DOCS_CHECK)
	$(DOCS_BUILD) --dest-dir $(DOCS_CHECK) elastic_cloud.cloud
	@diff -ru $(DOCS_PLUGINS) $(DOCS_CHECK) || { echo "docs/plugins is stale: run 'make docs' and commit the result"; exit 1; }

docs-lint: venv $(COLLECTION_LINK_ROOT)/ansible_collections/elastic_cloud/cloud
	$(DOCS_ENV) antsibull-docs lint-collection-docs --plugin-docs .
