"""_organizations: role assignments compared as sets, expiry, and the Ansible form of roles."""

from datetime import datetime, timezone

from ansible_collections.elastic_cloud.cloud.plugins.module_utils import _organizations as org

ORG = "org-1"
NOW = datetime(2026, 5, 20, tzinfo=timezone.utc)


def test_expiry_reads_the_flag_then_the_date():
    assert org.is_expired({"expired": True, "expires_at": "2099-01-01T00:00:00Z"}, NOW)
    assert not org.is_expired({"expires_at": "2026-05-21T00:00:00.000Z"}, NOW)
    assert org.is_expired({"expires_at": "2026-05-19T00:00:00Z"}, NOW)
    assert not org.is_expired({}, NOW)


def test_only_the_managed_kinds_differ():
    current = {"organization": [{"role_id": "billing-admin", "organization_id": ORG}],
               "project": {"security": [{"role_id": "security-viewer", "organization_id": ORG, "all": True}]}}  # fmt: skip
    wanted = org.wanted_assignments({"deployment_roles": [{"role": "admin", "all": True}]}, ORG)
    to_add, to_remove = org.difference(current, wanted)
    assert to_add == {"deployment": [{"role_id": "deployment-admin", "organization_id": ORG, "all": True}]}
    assert to_remove == {}
    assert org.merged(current, wanted) == dict(current, deployment=to_add["deployment"])


def test_application_roles_do_not_make_an_assignment_different():
    held = {"deployment": [{"role_id": "deployment-viewer", "organization_id": ORG, "all": True, "application_roles": ["x"]}]}
    wanted = org.wanted_assignments({"deployment_roles": [{"role": "viewer", "all": True}]}, ORG)
    assert org.difference(held, wanted) == ({}, {})


def test_roles_in_module_terms_prefer_owner():
    roles = org.as_roles({"organization": [{"role_id": "billing-admin"}, {"role_id": "organization-admin"}]})
    assert roles == {"organization_role": "owner", "deployment_roles": [],
                     "project_roles": {"elasticsearch": [], "observability": [], "security": []}}  # fmt: skip
