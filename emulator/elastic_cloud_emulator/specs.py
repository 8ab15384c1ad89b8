"""Locating and loading the vendor API specs (once per process)."""

import functools
import json
import os

import yaml

SERVERLESS_SPEC = "serverless-project-api.yml"
CLOUD_SPEC = "cloud-api-swagger.json"
# Unmodified copies of the vendor's specs ship inside the package (see specs/SOURCE.md).
VENDORED_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "specs")
SPECS_DIR_ENV = "ELASTIC_CLOUD_SPECS_DIR"


def specs_dir(explicit=None):
    candidates = [explicit, os.environ.get(SPECS_DIR_ENV), VENDORED_DIR]
    for candidate in filter(None, candidates):
        if os.path.isfile(os.path.join(candidate, SERVERLESS_SPEC)):
            return candidate
    raise FileNotFoundError(f"{SERVERLESS_SPEC} not found; pass --specs-dir or set {SPECS_DIR_ENV}")


@functools.lru_cache(maxsize=None)
def serverless_spec(directory=None):
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(os.path.join(specs_dir(directory), SERVERLESS_SPEC), encoding="utf-8") as handle:
        return yaml.load(handle, Loader=loader)


@functools.lru_cache(maxsize=None)
def cloud_spec(directory=None):
    with open(os.path.join(specs_dir(directory), CLOUD_SPEC), encoding="utf-8") as handle:
        return json.load(handle)
