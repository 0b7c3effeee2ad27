"""Passwords, one-time codes, tokens, credentials and attempt throttling."""
