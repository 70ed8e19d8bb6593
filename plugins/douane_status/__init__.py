"""Pelican plugin: outage files in, a bilingual status site out.

The layers (domain, reading, rules, state, presentation, reports, pages, machine, operators,
editor) know nothing of Pelican; ``building.pelican_adapter`` registers one generator that
calls them. Pelican imports this
module through ``PLUGINS = ["douane_status"]`` and calls ``register``, and finds its run
through ``PELICAN_CLASS = "douane_status.StatusPelican"``.
"""

from __future__ import annotations


def register() -> None:
    from .building.pelican_adapter import register as register_with_pelican

    register_with_pelican()


def __getattr__(name: str) -> object:
    """``StatusPelican``, imported only when Pelican asks for it: reading the settings (as
    ``invoke check`` does) then does not import Pelican's generators."""
    if name == "StatusPelican":
        from .building.pelican_run import StatusPelican

        return StatusPelican
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
