"""pos_desktop: an offline-first cashier till for Indonesian retail."""

__version__ = "0.1.0"
