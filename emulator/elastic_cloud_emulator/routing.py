"""Path-template routing with 404 for unknown paths and 405 for unknown methods."""

import re
from dataclasses import dataclass, field

from .errors import ApiError

SERVERLESS = "serverless"
CLOUD = "cloud"
CLOUD_BASE = "/api/v1"
ESS = "ess"  # Elastic Cloud
ECE = "ece"  # Elastic Cloud Enterprise


@dataclass
class Route:
    method: str
    template: str
    handler: object
    api: str = SERVERLESS
    open: bool = False  # no authentication needed
    readonly_allowed: bool = False  # a write the read-only user may still do
    platforms: tuple = None  # where the route exists; default: serverless on ESS only, cloud routes on both
    pattern: re.Pattern = field(init=False, repr=False)

    def __post_init__(self):
        if self.platforms is None:
            # ECE has no serverless API: the serverless spec's servers are Elastic Cloud's alone.
            self.platforms = (ESS,) if self.api == SERVERLESS else (ESS, ECE)
        regex = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(self.template))
        self.pattern = re.compile(f"^{regex}$")

    @property
    def spec_path(self):
        """The path as written in the route's spec (the Swagger spec omits its basePath)."""
        return self.template[len(CLOUD_BASE) :] if self.api == CLOUD else self.template


class Router:
    def __init__(self, routes, platform="both"):
        # Literal segments must win over parameters (e.g. keys/_all over keys/{id}).
        self._routes = sorted(routes, key=lambda route: route.template.count("{"))
        # A platform without a route answers as for any unknown path (a real ECE has no serverless API at all).
        self._served = [route for route in self._routes if platform == "both" or platform in route.platforms]

    @property
    def routes(self):
        return list(self._routes)

    def resolve(self, method, path):
        """Return ``(route, path_params)`` or raise a 404/405 ApiError."""
        allowed = []
        for route in self._served:
            match = route.pattern.match(path)
            if not match:
                continue
            if route.method == method:
                return route, match.groupdict()
            allowed.append(route.method)
        if allowed:
            raise ApiError(
                405,
                "root.method_not_allowed",
                f"Method {method} is not allowed on {path}",
                headers={"Allow": ", ".join(sorted(set(allowed)))},
            )
        raise ApiError(404, "root.resource_not_found", f"No API resource found at {path}")
