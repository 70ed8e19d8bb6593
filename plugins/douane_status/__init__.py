"""Pelican plugin: outage files in, a bilingual status site out.

The package's core (source, reader, rules, state, views, site) knows nothing of Pelican; the
adapter in ``pelican_adapter`` registers one generator that calls it. Pelican imports this
module through ``PLUGINS = ["douane_status"]`` and calls ``register``.
"""

from __future__ import annotations


def register() -> None:
    from .building.pelican_adapter import register as register_with_pelican

    register_with_pelican()
