"""The till's rules in pure Python: money, barcodes, cart, tax, rounding and tenders.

Nothing here imports Qt, SQL, HTTP or serial (an import-linter contract enforces it), so the
same rules run on the till, in the cloud service and in tests without a screen.
"""
