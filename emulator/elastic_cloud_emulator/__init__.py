"""Local emulator of the Elastic Cloud API (serverless projects and cloud/ECE endpoints).

Run it with ``python -m elastic_cloud_emulator --help``; drive it from tests with
:class:`elastic_cloud_emulator.control.Emulator`.
"""
