"""The ``projects`` item options, as documented, are exactly what the module accepts (PROJECT_OPTIONS).

``projects`` validates its items itself (so errors name the item), which keeps validate-modules from comparing
the documented sub-options with the argument spec: this test does it instead, and the same for ``project``.
"""

import pytest
import yaml

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._project_options import PROJECT_OPTIONS
from ansible_collections.elastic_cloud.cloud.plugins.modules import project, projects

COMPARED = ("type", "choices", "default", "elements", "required")


def shape(spec):
    """Name -> the compared attributes, recursively, of an argument spec or of documented options."""
    result = {}
    for name, option in spec.items():
        entry = {key: option.get(key) for key in COMPARED if option.get(key) not in (None, False)}
        entry.setdefault("type", "str")
        nested = option.get("options") or option.get("suboptions")
        if nested:
            entry["options"] = shape(nested)
        result[name] = entry
    return result


def test_documented_project_items_are_project_options():
    documented = yaml.safe_load(projects.DOCUMENTATION)["options"]["projects"]["suboptions"]
    assert shape(documented) == shape(PROJECT_OPTIONS)


@pytest.mark.parametrize("name", sorted(PROJECT_OPTIONS))
def test_project_documents_each_option_alike(name):
    documented = yaml.safe_load(project.DOCUMENTATION)["options"][name]
    assert shape({name: documented}) == shape({name: project.Project.module_options[name]})
