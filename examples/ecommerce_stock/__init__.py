"""Keep an online shop's listings in step with the POS cloud's stock (see README.md).

Copy this folder as it is; it needs Python 3.11+ and httpx, nothing else:

- ``receiver``: the webhook receiver (``stock.changed`` -> the listing's stock).
- ``push_orders``: online orders -> stock movements in the cloud, retried safely.
- ``shop``: the stand-in for the marketplace's listings (replace it with their API).
"""
