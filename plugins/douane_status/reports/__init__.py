"""Availability and protocol compliance worked out from the events, and the report files written
from them. Uses the layers from ``domain`` to ``presentation``.
"""
