"""group/elastic_cloud.cloud.all in module_defaults sets the connection of every module and of the roles."""

import yaml

from .runner import explain, run_playbook

READ_ONLY_TASKS = {
    "region_info": {},
    "project_info": {},
    "api_key_info": {},
    "traffic_filter_info": {},
    "traffic_filter_metadata_info": {},
    "account": {},
    "billing_costs_info": {"from": "-30d", "to": "now"},
    "deployment_template_info": {"region": "aws-us-east-1"},
    "deployment_traffic_filter_info": {},
    "stack_version_info": {},
    "deployment_extension_info": {},
    "organization_info": {},
}


def write_play(tmp_path, tasks, defaults=True):
    play = {"name": "module_defaults", "hosts": "localhost", "connection": "local", "gather_facts": False, "tasks": tasks}
    if defaults:
        play["module_defaults"] = {
            "group/elastic_cloud.cloud.all": {"endpoint": "{{ ec_endpoint }}", "api_key": "{{ ec_api_key }}"}
        }
    path = tmp_path / "play.yml"
    path.write_text(yaml.safe_dump([play], sort_keys=False))
    return str(path)


def test_group_defaults_reach_every_read_only_module_and_the_roles(emulator, tmp_path):
    tasks = [{"name": "Read with %s" % name, "elastic_cloud.cloud.%s" % name: args} for name, args in READ_ONLY_TASKS.items()]
    tasks += [
        {
            "name": "Role serverless_projects",
            "ansible.builtin.include_role": {"name": "elastic_cloud.cloud.serverless_projects"},
            "vars": {"serverless_projects_list": [{"name": "defaults", "region_id": "aws-us-east-1"}]},
        },
        {
            "name": "Role api_keys",
            "ansible.builtin.include_role": {"name": "elastic_cloud.cloud.api_keys"},
            "vars": {"api_keys_list": [{"description": "defaults"}]},
        },
        {
            "name": "Role project_credentials_rotation",
            "ansible.builtin.include_role": {"name": "elastic_cloud.cloud.project_credentials_rotation"},
            "vars": {
                "project_credentials_rotation_projects": [{"name": "defaults"}],
                "project_credentials_rotation_credentials_dir": str(tmp_path / "rotated"),
            },
        },
    ]
    result = run_playbook(write_play(tmp_path, tasks), emulator)
    assert result.returncode == 0, explain(result)
    names = [p["name"] for p in emulator.state()["projects"]["elasticsearch"]]
    assert names == ["defaults"]
    assert {entry["auth"] for entry in emulator.journal()} == {"apikey"}


def test_without_defaults_or_environment_the_failure_says_what_to_set(emulator, tmp_path):
    result = run_playbook(write_play(tmp_path, [{"elastic_cloud.cloud.region_info": {}}], defaults=False), emulator)
    assert result.returncode != 0
    assert "No credentials: set api_key (or EC_API_KEY)" in result.stdout, explain(result)
