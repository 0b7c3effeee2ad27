"""One module per page, each with ``WORDS: dict[str, tuple[str, str]]`` (Indonesian, English)."""
