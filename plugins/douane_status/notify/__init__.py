"""Notifications: what the newly built site says that the live one does not yet, delivered once."""
