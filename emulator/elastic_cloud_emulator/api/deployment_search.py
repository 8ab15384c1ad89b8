"""The part of the query DSL ``POST /deployments/_search`` understands.

``match`` (text: lower-cased words, any word or with ``operator: and`` all of them), ``term`` and
``prefix`` (exact values), ``match_all``, ``bool`` (must, filter, should, must_not) and ``nested`` on
``metadata.tags``, on the fields ``id``, ``name``, ``alias``, ``metadata.tags.key`` and
``metadata.tags.value``. Elastic's own clients search this way: terraform-provider-ec's
``ec_deployments`` data source finds deployments by name prefix and by tags with a ``nested`` query
on ``metadata.tags`` whose ``bool.must`` holds ``term`` queries on the tag's key and value. Other
queries answer 400 rather than match everything, so a client relying on them learns it here.
"""

import re

from ..errors import bad_request


def _words(text):
    return re.findall(r"\w+", str(text).lower())


def _values(document, field, tag=None):
    if field.startswith("metadata.tags."):
        tags = [tag] if tag is not None else document["metadata"].get("tags", [])
        return [entry[field.rsplit(".", 1)[1]] for entry in tags]
    if field in ("id", "name", "alias"):
        return [document[field]]
    raise bad_request(f"Searching deployments on field '{field}' is not supported", ["query"])


def _single(query_type, clause):
    if not isinstance(clause, dict) or len(clause) != 1:
        raise bad_request(f"A {query_type} query names exactly one field", ["query"])
    return next(iter(clause.items()))


def _match(document, clause, tag):
    field, spec = _single("match", clause)
    spec = spec if isinstance(spec, dict) else {"query": spec}
    wanted = _words(spec.get("query", ""))
    require_all = str(spec.get("operator", "or")).lower() == "and"
    for value in _values(document, field, tag):
        found = set(_words(value))
        hits = [word in found for word in wanted]
        if wanted and (all(hits) if require_all else any(hits)):
            return True
    return False


def _exact(query_type, document, clause, tag):
    field, spec = _single(query_type, clause)
    value = spec.get("value") if isinstance(spec, dict) else spec
    values = _values(document, field, tag)
    if query_type == "term":
        return str(value) in values
    return any(candidate.startswith(str(value)) for candidate in values)


def _bool(document, clause, tag):
    def all_of(name):
        return all(matches(document, query, tag) for query in clause.get(name, []))

    should = clause.get("should", [])
    minimum = clause.get(
        "minimum_should_match", 1 if should and not (clause.get("must") or clause.get("filter")) else 0
    )
    return (
        all_of("must")
        and all_of("filter")
        and not any(matches(document, query, tag) for query in clause.get("must_not", []))
        and sum(matches(document, query, tag) for query in should) >= minimum
    )


def _nested(document, clause):
    if clause.get("path") != "metadata.tags":
        raise bad_request(f"Nested queries on '{clause.get('path')}' are not supported", ["query.nested.path"])
    return any(matches(document, clause["query"], tag) for tag in document["metadata"].get("tags", []))


def matches(document, query, tag=None):
    """Whether a stored deployment matches a ``QueryContainer``; inside ``nested``, ``tag`` is the tag tried."""
    if not query:
        return True
    kinds = [name for name, clause in query.items() if clause is not None]
    if len(kinds) != 1:
        raise bad_request("A query container holds exactly one query", ["query"])
    kind, clause = kinds[0], query[kinds[0]]
    if kind == "match_all":
        return True
    if kind == "match":
        return _match(document, clause, tag)
    if kind in ("term", "prefix"):
        return _exact(kind, document, clause, tag)
    if kind == "bool":
        return _bool(document, clause, tag)
    if kind == "nested":
        return _nested(document, clause)
    raise bad_request(f"The emulator does not support '{kind}' queries on deployments", ["query"])
