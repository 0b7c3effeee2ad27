"""HTTP routes, grouped by who calls them: tills (``/v1/sync``, ``/v1/devices``) and owners."""
