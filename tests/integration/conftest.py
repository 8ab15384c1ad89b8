"""Fixtures for integration tests: a real emulator process on loopback."""

import pytest

from elastic_cloud_emulator.control import Emulator


@pytest.fixture
def emulator():
    """A fresh emulator with quick phase changes, for one test."""
    with Emulator("--phase-delay", "0.5", "--delete-delay", "0.3") as running:
        yield running
