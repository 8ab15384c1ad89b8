"""deployment_extension: find by id or exact name, upload a file again only when it changed, check mode, delete."""

import hashlib

import pytest

from ansible_collections.elastic_cloud.cloud.plugins.module_utils._deployment_extensions import (
    join_description,
    split_description,
)
from ansible_collections.elastic_cloud.cloud.plugins.module_utils._errors import ElasticCloudError, UsageError
from ansible_collections.elastic_cloud.cloud.plugins.modules.deployment_extension import DeploymentExtension

from .fake_cloud import ScriptedClient, api_error, run_module

BASE = "/api/v1/deployments/extensions"
ONE = BASE + "/4226448541"
ARCHIVE = b"PK\x03\x04 synonyms archive"
CHECKSUM = hashlib.sha256(ARCHIVE).hexdigest()
CREATE = dict(name="synonyms", extension_type="bundle", version="8.*")


def extension(description=None, size=None, **fields):
    found = {"id": "4226448541", "name": "synonyms", "extension_type": "bundle", "version": "8.*",
             "url": "repo://4226448541", **fields}  # fmt: skip
    if description is not None:
        found["description"] = description
    if size is not None:
        found["file_metadata"] = {"size": size, "last_modified_date": "2026-01-01T00:00:00.000Z", "url": "https://x"}
    return found


@pytest.fixture
def archive(tmp_path):
    path = tmp_path / "synonyms.zip"
    path.write_bytes(ARCHIVE)
    return path


def echo(call):
    """An update answered with what it sent, over the stored extension."""
    return extension(**{key: value for key, value in call["body"].items() if key not in ("extension_type",)})


@pytest.mark.parametrize(
    "text, checksum, stored",
    [("Synonyms", CHECKSUM, "Synonyms [sha256:%s]" % CHECKSUM), ("", CHECKSUM, "[sha256:%s]" % CHECKSUM),
     ("Synonyms", None, "Synonyms"), ("", None, "")],
)  # fmt: skip
def test_the_checksum_mark_round_trips(text, checksum, stored):
    assert join_description(text, checksum) == stored
    assert split_description(stored) == (text, checksum)


def test_a_description_without_a_well_formed_mark_is_all_text():
    assert split_description("see [sha256:abc]") == ("see [sha256:abc]", None)
    assert split_description(None) == ("", None)


def test_create_with_a_file_marks_the_checksum_then_uploads(archive):
    created = extension("Synonyms [sha256:%s]" % CHECKSUM)
    client = ScriptedClient({("GET", BASE): {"extensions": []}, ("POST", BASE): created,
                             ("PUT", ONE): dict(created, file_metadata={"size": len(ARCHIVE)})})  # fmt: skip
    result = run_module(DeploymentExtension, client, description="Synonyms", file_path=str(archive), **CREATE)
    assert client.writes() == [("POST", BASE), ("PUT", ONE)]
    assert client.calls[1]["body"] == dict(CREATE, description="Synonyms [sha256:%s]" % CHECKSUM)
    assert client.calls[2]["files"] == {"file": ("synonyms.zip", ARCHIVE, "application/octet-stream")}
    shown = result["deployment_extension"]
    assert result["changed"] is True and shown["description"] == "Synonyms"
    assert (shown["file_sha256"], shown["file_size"]) == (CHECKSUM, len(ARCHIVE))
    assert result["diff"]["before"] == {} and result["diff"]["after"]["id"] == "4226448541"


def test_create_from_a_download_url_sends_it():
    client = ScriptedClient({("GET", BASE): {"extensions": []}, ("POST", BASE): extension(download_url="https://e/x.zip")})
    run_module(DeploymentExtension, client, download_url="https://e/x.zip", **CREATE)
    assert client.calls[-1]["body"] == dict(CREATE, download_url="https://e/x.zip")


def test_create_in_check_mode_sends_nothing(archive):
    client = ScriptedClient({("GET", BASE): {"extensions": []}})
    result = run_module(DeploymentExtension, client, check_mode=True, file_path=str(archive), **CREATE)
    assert client.writes() == []
    shown = result["deployment_extension"]
    assert result["changed"] is True and shown["id"] is None and shown["file_sha256"] == CHECKSUM


@pytest.mark.parametrize("missing", ["name", "extension_type", "version"])
def test_create_needs_name_type_and_version(missing):
    client = ScriptedClient({("GET", ONE): None, ("GET", BASE): {"extensions": []}})
    params = dict(CREATE, **{missing: None})
    if missing == "name":
        params["id"] = "4226448541"
    with pytest.raises(UsageError):
        run_module(DeploymentExtension, client, **params)
    assert client.writes() == []


@pytest.mark.parametrize("check_mode", [False, True])
def test_the_same_file_is_not_uploaded_again(archive, check_mode):
    stored = extension("Synonyms [sha256:%s]" % CHECKSUM, size=len(ARCHIVE))
    client = ScriptedClient({("GET", BASE): {"extensions": [stored]}})
    result = run_module(DeploymentExtension, client, check_mode=check_mode, description="Synonyms",
                        file_path=str(archive), **CREATE)  # fmt: skip
    assert result["changed"] is False and client.writes() == []


@pytest.mark.parametrize(
    "stored",
    [
        extension("Synonyms [sha256:%s]" % ("0" * 64), size=len(ARCHIVE)),  # same size, another checksum
        extension("Synonyms [sha256:%s]" % CHECKSUM, size=len(ARCHIVE) + 1),  # the mark, but another size
        extension("Synonyms", size=len(ARCHIVE)),  # uploaded by other means: no mark
        extension("Synonyms [sha256:%s]" % CHECKSUM),  # marked at create, the upload never landed
    ],
)
def test_a_file_that_may_differ_is_uploaded_before_the_mark_changes(archive, stored):
    client = ScriptedClient({("GET", BASE): {"extensions": [stored]}, ("PUT", ONE): stored, ("POST", ONE): echo})
    result = run_module(DeploymentExtension, client, description="Synonyms", file_path=str(archive), **CREATE)
    assert result["changed"] is True
    assert client.writes()[0] == ("PUT", ONE)
    if client.writes()[1:]:
        assert client.calls[-1]["body"]["description"] == "Synonyms [sha256:%s]" % CHECKSUM


def test_a_changed_file_in_check_mode_is_reported_and_not_sent(archive):
    stored = extension("Synonyms [sha256:%s]" % ("0" * 64), size=3)
    client = ScriptedClient({("GET", BASE): {"extensions": [stored]}})
    result = run_module(DeploymentExtension, client, check_mode=True, file_path=str(archive), **CREATE)
    assert result["changed"] is True and client.writes() == []
    assert result["diff"]["before"]["file_sha256"] == "0" * 64
    assert result["diff"]["after"]["file_sha256"] == CHECKSUM
    assert result["diff"]["after"]["file_size"] == len(ARCHIVE)


def test_a_metadata_change_keeps_the_mark_and_uploads_nothing():
    stored = extension("Synonyms [sha256:%s]" % CHECKSUM, size=len(ARCHIVE))
    client = ScriptedClient({("GET", BASE): {"extensions": [stored]}, ("POST", ONE): echo})
    result = run_module(DeploymentExtension, client, name="synonyms", description="Shop synonyms", version="9.*")
    assert client.writes() == [("POST", ONE)]
    assert client.calls[-1]["body"] == dict(CREATE, version="9.*", description="Shop synonyms [sha256:%s]" % CHECKSUM)
    assert result["diff"]["before"]["description"] == "Synonyms"
    assert result["deployment_extension"]["description"] == "Shop synonyms"


def test_an_emptied_description_keeps_only_the_mark():
    stored = extension("Synonyms [sha256:%s]" % CHECKSUM, size=len(ARCHIVE))
    client = ScriptedClient({("GET", BASE): {"extensions": [stored]}, ("POST", ONE): echo})
    run_module(DeploymentExtension, client, name="synonyms", description="")
    assert client.calls[-1]["body"]["description"] == "[sha256:%s]" % CHECKSUM


def test_a_new_download_url_is_sent_and_the_same_one_is_not():
    stored = extension("", download_url="https://e/1.zip", size=10)
    client = ScriptedClient({("GET", BASE): {"extensions": [stored]}, ("POST", ONE): echo})
    assert run_module(DeploymentExtension, client, name="synonyms", download_url="https://e/1.zip")["changed"] is False
    run_module(DeploymentExtension, client, name="synonyms", download_url="https://e/2.zip")
    assert client.calls[-1]["body"] == dict(CREATE, download_url="https://e/2.zip")


def test_the_type_cannot_change():
    client = ScriptedClient({("GET", BASE): {"extensions": [extension()]}})
    with pytest.raises(UsageError, match="is a bundle; it cannot become a plugin"):
        run_module(DeploymentExtension, client, name="synonyms", extension_type="plugin")
    assert client.writes() == []


def test_two_extensions_of_one_name_fail_naming_both():
    client = ScriptedClient({("GET", BASE): {"extensions": [extension(), extension(id="77"), extension(name="other")]}})
    with pytest.raises(UsageError, match=r"2 extensions are named 'synonyms' \(ids 4226448541, 77\)"):
        run_module(DeploymentExtension, client, name="synonyms")


def test_found_by_id_and_renamed():
    client = ScriptedClient({("GET", ONE): extension(), ("POST", ONE): echo})
    result = run_module(DeploymentExtension, client, id="4226448541", name="thesaurus")
    assert client.calls[-1]["body"] == dict(CREATE, name="thesaurus")
    assert result["deployment_extension"]["name"] == "thesaurus"


def test_an_unknown_id_fails():
    client = ScriptedClient({})
    with pytest.raises(UsageError, match="No deployment extension has the id '9'"):
        run_module(DeploymentExtension, client, id="9", name="x")


def test_an_unreadable_file_fails_before_any_write(tmp_path):
    client = ScriptedClient({("GET", BASE): {"extensions": []}})
    with pytest.raises(UsageError, match="file_path .* cannot be read"):
        run_module(DeploymentExtension, client, file_path=str(tmp_path / "missing.zip"), **CREATE)
    (tmp_path / "empty.zip").write_bytes(b"")
    with pytest.raises(UsageError, match="is empty"):
        run_module(DeploymentExtension, client, file_path=str(tmp_path / "empty.zip"), **CREATE)
    assert client.writes() == []


@pytest.mark.parametrize("check_mode", [False, True])
def test_delete(check_mode):
    client = ScriptedClient({("GET", BASE): {"extensions": [extension()]}, ("DELETE", ONE): {}})
    result = run_module(DeploymentExtension, client, check_mode=check_mode, name="synonyms", state="absent")
    assert result["changed"] is True and result["deployment_extension"] == {}
    assert client.writes() == ([] if check_mode else [("DELETE", ONE)])
    assert result["diff"]["after"] == {} and result["diff"]["before"]["id"] == "4226448541"


def test_deleting_what_is_not_there_is_unchanged():
    client = ScriptedClient({("GET", BASE): {"extensions": []}})
    assert run_module(DeploymentExtension, client, name="synonyms", state="absent")["changed"] is False


def test_deleting_an_extension_in_use_says_how_to_free_it():
    refusal = api_error(400, "extensions.extension_in_use", "It is used by deployments [shop].", "DELETE", ONE)
    client = ScriptedClient({("GET", BASE): {"extensions": [extension()]}, ("DELETE", ONE): refusal})
    with pytest.raises(ElasticCloudError, match="Remove its URL repo://4226448541 from the user_bundles"):
        run_module(DeploymentExtension, client, name="synonyms", state="absent")
