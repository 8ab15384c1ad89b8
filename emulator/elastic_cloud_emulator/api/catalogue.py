"""Static catalogue of cloud service provider regions (and their PrivateLink metadata)."""

import zlib

REGIONS = [
    # (id, name, csp, csp_region, country_code, project_creation_enabled)
    ("aws-us-east-1", "US East (N. Virginia)", "aws", "us-east-1", "US", True),
    ("aws-us-west-2", "US West (Oregon)", "aws", "us-west-2", "US", True),
    ("aws-eu-west-1", "EU (Ireland)", "aws", "eu-west-1", "IE", True),
    ("aws-eu-central-1", "EU (Frankfurt)", "aws", "eu-central-1", "DE", True),
    ("aws-ap-southeast-1", "Asia Pacific (Singapore)", "aws", "ap-southeast-1", "SG", True),
    ("gcp-us-central1", "US Central 1 (Iowa)", "gcp", "us-central1", "US", True),
    ("gcp-europe-west1", "Europe West 1 (Belgium)", "gcp", "europe-west1", "BE", True),
    ("azure-eastus", "East US (Virginia)", "azure", "eastus", "US", True),
    # Listed but closed to new projects: creating one there answers 422.
    ("azure-westeurope", "West Europe (Netherlands)", "azure", "westeurope", "NL", False),
]

_FIELDS = ("id", "name", "csp", "csp_region", "country_code", "project_creation_enabled")
_BY_ID = {row[0]: dict(zip(_FIELDS, row)) for row in REGIONS}


def all_regions():
    return [dict(region) for region in _BY_ID.values()]


def region(region_id):
    found = _BY_ID.get(region_id)
    return dict(found) if found else None


def domain(region_id):
    """DNS suffix of a region's endpoints, e.g. ``us-east-1.aws.elastic.cloud``."""
    found = _BY_ID[region_id]
    return f"{found['csp_region']}.{found['csp']}.elastic.cloud"


def privatelink_metadata(region_id):
    found = _BY_ID[region_id]
    csp, csp_region = found["csp"], found["csp_region"]
    service = {
        "aws": f"com.amazonaws.vpce.{csp_region}.vpce-svc-0e1e5e6e4b0{zlib.crc32(region_id.encode()) % 10**6:06d}",
        "gcp": f"projects/cloud-production/regions/{csp_region}/serviceAttachments/proxy-psc-production",
        "azure": f"{csp_region}-prod-001-privatelink-service.49ef2a6a-1e1c-4b6a-9b2f-0f0d5c3c1a2e.{csp_region}.azure.privatelinkservice",
    }[csp]
    zones = [{"name": f"{csp_region}{suffix}", "id": f"{csp_region[:3]}-az{n}"} for n, suffix in enumerate("abc", 1)]
    return {
        "region": region_id,
        "csp": csp,
        "vpc_service_name": service,
        "private_service_name": service,
        "private_hosted_zone_domain_name": f"private.{domain(region_id)}",
        "availability_zones": zones if csp != "azure" else [],
    }
