"""Local emulator of the Elastic Cloud API (serverless projects and cloud/ECE endpoints).

Run it with ``python -m tests.emulator --help``; drive it from tests with
:class:`tests.emulator.control.Emulator`.
"""
