"""Everything a request handler needs to know about the request it serves."""

from dataclasses import dataclass

from .errors import not_found


@dataclass
class Call:
    app: object  # the EmulatorApp serving the request
    method: str
    path: str
    params: dict  # path parameters
    query: dict  # typed query parameters, as validated against the spec
    raw_query: str
    headers: object  # case-insensitive mapping
    body: object  # decoded JSON body or None
    principal: object  # auth.Principal, or None on open routes

    @property
    def store(self):
        return self.app.store

    @property
    def settings(self):
        return self.app.settings

    @property
    def user_id(self):
        return self.principal.user_id

    @property
    def organization_id(self):
        return self.principal.organization_id

    def owned(self, kind, doc_id, code, message):
        """The caller's organization's document of this kind and id, else the API's 404 with ``code`` and ``message``.

        Another organization's document is answered as missing, never as forbidden: the API does not tell
        whether an id exists elsewhere.
        """
        record = self.store.get(kind, doc_id, org=self.organization_id)
        if record is None:
            raise not_found(code, message)
        return record
