"""validate_certs and its EC_INSECURE / EC_SKIP_TLS_VALIDATION fallbacks against the emulator over HTTPS."""

import certifi
import pytest

from elastic_cloud_emulator.control import Emulator

from .runner import explain, run_tasks

READ = {"elastic_cloud.cloud.region_info": {"id": "aws-us-east-1"}, "register": "out"}
# A CA bundle in the environment, as many machines have: it must not override validate_certs=false.
CA_BUNDLE = {"REQUESTS_CA_BUNDLE": certifi.where()}


@pytest.fixture(scope="module")
def https_emulator():
    with Emulator("--tls") as running:
        assert running.url.startswith("https://")
        yield running


def test_self_signed_certificate_is_refused_by_default(https_emulator, tmp_path):
    task = dict(READ, ignore_errors=True)
    check = {"ansible.builtin.assert": {"that": ["out is failed", "out.msg is search('TLS verification failed')",
                                                 "out.msg.splitlines() | length == 1"]}}
    result = run_tasks([task, check], https_emulator, tmp_path, env=CA_BUNDLE)
    assert result.returncode == 0, explain(result)


def test_validate_certs_false_accepts_it(https_emulator, tmp_path):
    task = dict(READ)
    task["elastic_cloud.cloud.region_info"] = dict(READ["elastic_cloud.cloud.region_info"], validate_certs=False)
    check = {"ansible.builtin.assert": {"that": ["out.regions[0].id == 'aws-us-east-1'"]}}
    result = run_tasks([task, check], https_emulator, tmp_path, env=CA_BUNDLE)
    assert result.returncode == 0, explain(result)


@pytest.mark.parametrize("variable", ["EC_INSECURE", "EC_SKIP_TLS_VALIDATION"])
def test_insecure_environment_variables_turn_verification_off(https_emulator, tmp_path, variable):
    check = {"ansible.builtin.assert": {"that": ["out.regions[0].id == 'aws-us-east-1'"]}}
    result = run_tasks([READ, check], https_emulator, tmp_path, env=dict(CA_BUNDLE, **{variable: "true"}))
    assert result.returncode == 0, explain(result)


def test_an_explicit_validate_certs_wins_over_the_environment(https_emulator, tmp_path):
    task = dict(READ, ignore_errors=True)
    task["elastic_cloud.cloud.region_info"] = dict(READ["elastic_cloud.cloud.region_info"], validate_certs=True)
    check = {"ansible.builtin.assert": {"that": ["out is failed"]}}
    result = run_tasks([task, check], https_emulator, tmp_path, env=dict(CA_BUNDLE, EC_INSECURE="true"))
    assert result.returncode == 0, explain(result)


@pytest.fixture(scope="module")
def private_ca_emulator(tmp_path_factory):
    """An endpoint whose certificate is signed by a CA of its own, as on an ECE installation."""
    certificate = tmp_path_factory.mktemp("ca") / "ca.pem"
    with Emulator("--tls", "--cert-file", str(certificate)) as running:
        yield running, str(certificate)


@pytest.mark.parametrize("how", ["option", "EC_CA_PATH"])
def test_ca_path_verifies_a_private_ca(private_ca_emulator, tmp_path, how):
    emulator, certificate = private_ca_emulator
    task = dict(READ)
    env = dict(CA_BUNDLE)
    if how == "option":
        task["elastic_cloud.cloud.region_info"] = dict(READ["elastic_cloud.cloud.region_info"], ca_path=certificate)
    else:
        env["EC_CA_PATH"] = certificate
    check = {"ansible.builtin.assert": {"that": ["out.regions[0].id == 'aws-us-east-1'"]}}
    result = run_tasks([task, check], emulator, tmp_path, env=env)
    assert result.returncode == 0, explain(result)
