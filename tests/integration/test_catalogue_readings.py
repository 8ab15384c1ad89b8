"""Stack versions under either order the real API may list them in: the module answers newest first both ways."""

import pytest

from elastic_cloud_emulator.control import Emulator

from .runner import explain, run_tasks


@pytest.mark.parametrize("order_args", [(), ("--stack-versions-oldest-first",)], ids=["newest-first", "oldest-first"])
def test_stack_versions_come_newest_first_whatever_the_api_order(order_args, tmp_path):
    with Emulator(*order_args) as emulator:
        listing = {"elastic_cloud.cloud.stack_version_info": {}, "register": "listing"}
        checks = {
            "ansible.builtin.assert": {
                "that": [
                    "listing.stack_versions | map(attribute='version') | first == '9.1.2'",
                    "listing.stack_versions | map(attribute='version') | last == '8.15.5'",
                    "listing.stack_versions | length == 6",
                ]
            }
        }
        result = run_tasks([listing, checks], emulator, tmp_path)
        assert result.returncode == 0, explain(result)
        assert "failed=0" in result.stdout, explain(result)
        answered = [stack for stack in emulator.journal() if stack["path"] == "/api/v1/stack/versions"]
        assert len(answered) == 1
