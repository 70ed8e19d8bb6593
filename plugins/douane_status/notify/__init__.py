"""Notifications: every message of the built site, once to each channel, as a ledger records."""
