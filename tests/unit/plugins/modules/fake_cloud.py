"""Run a module class without Ansible: fake AnsibleModule, scripted client, recorded calls."""

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._base import connection_argument_spec
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._client import ApiResponse, ElasticCloudClient
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import ElasticCloudError

WRITES = ("POST", "PUT", "PATCH", "DELETE")


class Failed(Exception):
    """What a module's fail_json() ends with: the result it was given."""

    def __init__(self, result):
        super().__init__(result["msg"])
        self.result = result


class FakeModule:
    def __init__(self, params, check_mode=False, diff=True):
        self.params = params
        self.check_mode = check_mode
        self._diff = diff
        self.warnings = []

    def warn(self, message):
        self.warnings.append(message)

    def fail_json(self, **result):
        raise Failed(result)


class FakeClock:
    """A clock for waits: ``clock()`` is the time, ``clock.sleep(s)`` advances it and records the sleep."""

    def __init__(self):
        self.now = 0.0
        self.sleeps = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds


class ScriptedClient(ElasticCloudClient):
    """Answers ``(method, path)`` from ``routes``: a value, an ElasticCloudError, or a callable(call) -> either.

    Only ``request`` is scripted: the verbs, ``get_optional`` and ``paginate`` are the real client's.
    """

    # No session and no auth: nothing is ever sent.
    def __init__(self, routes):  # pylint: disable=super-init-not-called
        self.routes = dict(routes)
        self.calls = []

    def request(self, method, path, body=None, params=None, headers=None, expect=None, files=None):
        call = {"method": method, "path": path, "body": body, "params": dict(params) if params else params,
                "headers": headers, "files": files}
        self.calls.append(call)
        if (method, path) not in self.routes:
            raise ElasticCloudError("%s %s returned 404: not scripted" % (method, path), status=404, method=method, path=path)
        answer = self.routes[(method, path)]
        if callable(answer):
            answer = answer(call)
        if isinstance(answer, ElasticCloudError):
            raise answer
        if isinstance(answer, ApiResponse):
            return answer
        return ApiResponse(200, answer, {})

    def writes(self):
        return [(c["method"], c["path"]) for c in self.calls if c["method"] in WRITES]


def collection_routes(base, items_key, items, routes=None):
    """Routes of a collection: its list at ``base`` under ``items_key``, each item at ``base/<id>``, then ``routes``."""
    scripted = {("GET", base): {items_key: list(items)}}
    for item in items:
        scripted[("GET", base + "/" + item["id"])] = item
    scripted.update(routes or {})
    return scripted


def api_error(status, code, message="scripted failure", method="GET", path="/"):
    return ElasticCloudError(
        "%s %s returned %s: %s (%s)" % (method, path, status, message, code),
        status=status, codes=[code], messages=[message], method=method, path=path,
    )


def run_module(cls, client, check_mode=False, **params):
    """The result of ``cls.run()`` with the argument spec's defaults plus ``params`` (warnings as Ansible adds them)."""
    spec = dict(connection_argument_spec(), **cls.module_options)
    full = {name: option.get("default") for name, option in spec.items()}
    full.update(params)
    bound = type(cls.__name__, (cls,), {"_build_client": lambda self: client})
    instance = bound(FakeModule(full, check_mode=check_mode))
    result = instance.finish(instance.run())
    if instance.module.warnings:
        result["warnings"] = instance.module.warnings
    return result


# -- hosted deployments ------------------------------------------------------------------------
def es_plan(hot=8192, version="8.19.3", template="aws-storage-optimized"):
    return {"cluster_topology": [
        {"id": "hot_content", "node_roles": ["master", "data_hot"], "zone_count": 2,
         "instance_configuration_id": "aws.es.datahot.i3", "size": {"value": hot, "resource": "memory"}},
        {"id": "warm", "zone_count": 2, "instance_configuration_id": "aws.es.datawarm.d3",
         "size": {"value": 0, "resource": "memory"}},
    ], "elasticsearch": {"version": version}, "deployment_template": {"id": template}}  # fmt: skip


def stateless_plan(kind, size=1024, version="8.19.3"):
    return {"cluster_topology": [{"instance_configuration_id": "aws.%s.c5d" % kind, "zone_count": 1,
                                  "size": {"value": size, "resource": "memory"}}], kind: {"version": version}}  # fmt: skip


def attempt(plan, attempt_id, error=None):
    found = {"plan_attempt_id": attempt_id, "plan": plan,
             "plan_attempt_log": [{"step_id": "plan-completed", "info_log": [{"message": error or "done"}]}]}  # fmt: skip
    if error:
        found["error"] = {"message": error}
    return found


def hosted_resource(kind, plan, status="started", pending=None, history=None, ref_id=None):
    """A resource of a GET /deployments/{id} answer: its current plan, maybe a pending one and a history."""
    info = {"status": status, "healthy": True, "metadata": {"service_url": "https://%s.example" % kind},
            "plan_info": {"current": attempt(plan, "%s-current" % kind), "history": list(history or [])}}  # fmt: skip
    if pending is not None:
        info["plan_info"]["pending"] = pending
    if kind == "elasticsearch":
        info["metadata"]["cloud_id"] = "logging:abc"
    resource = {"ref_id": ref_id or "main-%s" % kind.replace("_", "-"), "id": "%s-id" % kind, "region": "aws-us-east-1",
                "info": info}  # fmt: skip
    if kind != "elasticsearch":
        resource["elasticsearch_cluster_ref_id"] = "main-elasticsearch"
    return resource


def hosted_deployment(deployment_id="d" * 32, name="logging", hot=8192, status="started", tags=None, **es_extra):
    """A deployment as GET /deployments/{id} shows it: Elasticsearch, Kibana and Integrations Server."""
    return {
        "id": deployment_id, "name": name, "alias": "logging-ddd", "healthy": True,
        "metadata": {"tags": [{"key": k, "value": v} for k, v in (tags or {}).items()]},
        "resources": {
            "elasticsearch": [hosted_resource("elasticsearch", es_plan(hot), status, **es_extra)],
            "kibana": [hosted_resource("kibana", stateless_plan("kibana"), status)],
            "integrations_server": [hosted_resource("integrations_server", stateless_plan("integrations_server"), status)],
        },
    }  # fmt: skip
