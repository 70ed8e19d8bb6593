"""Pelican plugin: outage files in, a bilingual status site out.

The layers (domain, reading, rules, state, presentation, reports, pages, machine, operators,
editor) know nothing of Pelican; ``building.pelican_adapter`` registers one generator that
calls them. Pelican imports this module through ``PLUGINS = ["douane_status"]`` and calls
``register``; Pelican's own run does the rest.
"""

from __future__ import annotations


def register() -> None:
    from .building.pelican_adapter import register as register_with_pelican

    register_with_pelican()
