"""The emulator's state and request pipeline, independent of the HTTP plumbing.

Pipeline for /api/v1 requests: rate limit (429, with --rate-limit) -> route (404/405) -> authenticate (401) -> authorize
(403) -> decode and validate against the spec (400) -> handler, inside one store
transaction so a failing request changes nothing.
"""

import logging
import traceback

from . import clock
from .api import account, billing, comments, keys, organizations, projects, regions, sessions, traffic_filters
from .api import deployment_elasticsearch, deployment_extensions, deployment_templates, deployment_traffic_filters
from .api import deployments, stack_versions
from .auth import Authenticator
from .call import Call
from .errors import ApiError
from .faults import Fault, FaultRegistry
from .journal import Journal
from .ratelimit import RateLimiter, credential_of, rate_limited
from .reply import error_reply
from .routing import CLOUD, Router
from .specs import cloud_spec, serverless_spec
from .store import Store
from .validation import CloudValidator, ServerlessValidator, parse_json_body

LOG = logging.getLogger(__name__)
MODULES = (regions, projects, traffic_filters, sessions, keys, comments, account, billing)
MODULES += (stack_versions, deployment_templates, deployments, deployment_elasticsearch, deployment_extensions)
MODULES += (deployment_traffic_filters, organizations)


class EmulatorApp:
    def __init__(self, settings):
        self.settings = settings
        self.store = Store(settings.db)
        self.auth = Authenticator(settings, self.store)
        self.journal = Journal()
        self.faults = FaultRegistry()
        self.key_deletes = {}  # organization id -> time of its last single API key delete (--key-delete-rate)
        self.rate_limiter = RateLimiter(*settings.rate_limit) if settings.rate_limit else None
        self.router = Router([route for module in MODULES for route in module.ROUTES], settings.platform)
        self.serverless_validator = ServerlessValidator(serverless_spec(settings.specs_dir))
        self.cloud_validator = CloudValidator(cloud_spec(settings.specs_dir))
        self._prepare_validation()
        for spec in settings.faults:
            self.faults.add(Fault.from_spec(dict(spec)))
        clock.CLOCK.reset(step=settings.clock_step)
        with self.store.transaction():
            self.seed()

    def _prepare_validation(self):
        """Fail fast if a route is missing from its spec, and compile validators once, up front."""
        for route in self.router.routes:
            validator = self.cloud_validator if route.api == CLOUD else self.serverless_validator
            validator.prepare(route.method, route.spec_path)

    def seed(self):
        """Put the fixed starting state in place (idempotent, so --db restarts keep data)."""
        keys.seed(self)
        organizations.seed(self)

    def state_dump(self):
        """Everything stored, minus secrets, for test assertions."""
        state = {}
        with self.store.transaction():
            for module in MODULES:
                if hasattr(module, "dump"):
                    state.update(module.dump(self.store))
        return state

    def reset(self):
        with self.store.transaction():
            self.store.clear()
            self.auth.rotate_secret()  # outstanding bearer tokens die with the old state
            self.seed()
        self.faults.clear()
        self.key_deletes.clear()
        self.journal.clear()
        if self.rate_limiter:
            self.rate_limiter.clear()
        clock.CLOCK.reset(step=self.settings.clock_step)

    def handle_api(self, method, path, raw_query, headers, raw_body):
        clock.CLOCK.tick()
        try:
            if self.rate_limiter and not self.rate_limiter.admit(credential_of(headers.get("Authorization")), clock.now()):
                raise rate_limited()
            route, params = self.router.resolve(method, path)
            principal = None
            if not route.open:
                principal = self.auth.authenticate(headers.get("Authorization"))
                self.auth.authorize(principal, method, route)
            body = self._decode_body(route, method, headers, raw_body)
            query = self._validate(route, method, path, raw_query, headers, raw_body, body)
            call = Call(self, method, path, params, query, raw_query, headers, body, principal)
            with self.store.transaction():
                return route.handler(call)
        except ApiError as error:
            return error_reply(error)
        except Exception:  # a bug in the emulator: answer like the real API would
            LOG.error("Unhandled error serving %s %s\n%s", method, path, traceback.format_exc())
            return error_reply(ApiError(500, "root.unexpected_error", "An unexpected error occurred"))

    def _decode_body(self, route, method, headers, raw_body):
        """JSON, or for the operations the spec says consume form data (uploads), the form's parts."""
        if route.api == CLOUD and self.cloud_validator.takes_form(method, route.spec_path):
            return self.cloud_validator.parse_form(method, route.spec_path, headers.get("Content-Type"), raw_body)
        return parse_json_body(raw_body)

    def _validate(self, route, method, path, raw_query, headers, raw_body, body):
        if route.api == CLOUD:
            return self.cloud_validator.validate(method, route.spec_path, raw_query, body)
        return self.serverless_validator.validate(method, path, raw_query, headers, raw_body)
