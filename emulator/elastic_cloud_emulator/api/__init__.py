"""The emulated API resources, one module each, apart from the HTTP and validation plumbing.

Each module declares its ``ROUTES`` (and may ``seed`` and ``dump`` for the test hooks). A module
owns the documents of its kind in the store: another resource asks it through the functions it
offers (``traffic_filters.find``, ``projects.using_traffic_filter``) and never reads or writes
those documents itself.
"""
