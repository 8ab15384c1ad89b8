"""Elastic Stack versions: ``/api/v1/stack/versions`` (cloud API).

A fixed catalogue of 8.x and 9.x versions. Which version may follow which comes from Elastic's
upgrade rules: minor and patch upgrades within a major, and a major upgrade only from the last
minors of the previous major (9.0 from 8.18, 9.1 from 8.19), never a downgrade.
"""

from ..errors import not_found
from ..reply import json_reply
from ..routing import CLOUD, Route

BASE = "/api/v1/stack/versions"
# version -> the oldest version that may upgrade to it
VERSIONS = {
    "8.15.5": "7.17.0",
    "8.17.4": "7.17.0",
    "8.18.2": "7.17.0",
    "8.19.3": "7.17.0",
    "9.0.4": "8.18.0",
    "9.1.2": "8.19.0",
}


def key(version):
    """Sortable form of a ``major.minor.patch`` version."""
    return tuple(int(part) for part in version.split("-")[0].split("."))


def exists(version):
    return version in VERSIONS


def latest():
    return max(VERSIONS, key=key)


def upgradable_to(version):
    """Later versions that accept an upgrade from ``version``."""
    return sorted(
        (other for other, minimum in VERSIONS.items() if key(other) > key(version) and key(version) >= key(minimum)),
        key=key,
    )


def has_enterprise_search(version):
    """Enterprise Search is not offered from 9.0 on (Elastic's 9.0 release notes: it was removed from the Stack)."""
    return key(version)[0] < 9


def _enterprise_search(version):
    if not has_enterprise_search(version):
        return {}
    image = f"docker.elastic.co/cloud-release/enterprise-search-cloud:{version}"
    return {"enterprise_search": {"docker_image": image, "blacklist": []}}


def _config(version):
    return {
        "version": version,
        "template": {"template_version": version},
        "elasticsearch": {
            "docker_image": f"docker.elastic.co/cloud-release/elasticsearch-cloud-ess:{version}",
            "plugins": ["analysis-icu", "analysis-kuromoji", "analysis-phonetic", "mapper-size"],
            "default_plugins": ["repository-s3"],
            "blacklist": [],
        },
        "kibana": {"docker_image": f"docker.elastic.co/cloud-release/kibana-cloud:{version}", "blacklist": []},
        **_enterprise_search(version),
        "upgradable_to": upgradable_to(version),
        "min_upgradable_from": VERSIONS[version],
        "deleted": False,
        "whitelisted": True,
        "accessible": True,
    }


def list_versions(call):
    # The spec names no order for the list (StackVersionConfigs.stacks is a plain array, and the operation says
    # nothing of one). The emulator answers newest first; --stack-versions-oldest-first answers the other way, to
    # show that a client sorts for itself rather than trust either order.
    newest_first = not call.settings.stack_versions_oldest_first
    return json_reply({"stacks": [_config(version) for version in sorted(VERSIONS, key=key, reverse=newest_first)]})


def get_version(call):
    version = call.params["version"]
    if version not in VERSIONS:
        raise not_found("stackpack.version_not_found", f"Stack version '{version}' was not found")
    return json_reply(_config(version))


ROUTES = [
    Route("GET", BASE, list_versions, api=CLOUD),
    Route("GET", f"{BASE}/{{version}}", get_version, api=CLOUD),
]
