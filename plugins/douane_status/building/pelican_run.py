"""Pelican's run, named by ``PELICAN_CLASS`` in pelicanconf.py: its closing line says what was
written, and the garbage collector is tuned for the build, in this one place.

Pelican's own line counts only its articles and pages ("Processed 0 articles, ...") and reads
them at the end of ``Pelican.run``, which does everything in one method; so the run is
Pelican's, step for step, and only the line differs.
"""

from __future__ import annotations

import contextlib
import gc
import os
import time
from collections.abc import Iterator
from typing import Any

from pelican import Pelican, console, signals
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.utils import clean_output_dir, maybe_pluralize


class StatusPelican(Pelican):  # type: ignore[misc]  # Pelican ships no type hints
    """Pelican, closing with what this site wrote: "Done: Processed 12 outage events and wrote
    270 files (152 HTML pages) in 0.78 seconds."."""

    def run(self) -> None:
        started = time.time()
        written: set[str] = set()

        def note(path: str, **_: object) -> None:
            written.add(path)

        signals.content_written.connect(note)
        try:
            with young_garbage_collected_only():
                generators = self._generate()
        finally:
            signals.content_written.disconnect(note)
        console.print(summary(generators, written, time.time() - started))

    def _generate(self) -> list[Any]:
        """``Pelican.run`` up to its summary."""
        context = self.settings.copy()
        context["generated_content"] = {}
        context["static_links"] = set()
        context["static_content"] = {}
        context["localsiteurl"] = self.settings["SITEURL"]
        generators = [
            cls(
                context=context,
                settings=self.settings,
                path=self.path,
                theme=self.theme,
                output_path=self.output_path,
            )
            for cls in self._get_generator_classes()
        ]
        output, source = os.path.realpath(self.output_path), os.path.realpath(self.path)
        if self.delete_outputdir and os.path.commonpath([output, source]) != output:
            clean_output_dir(self.output_path, self.output_retention)
        for generator in generators:
            if hasattr(generator, "generate_context"):
                generator.generate_context()
            if hasattr(generator, "check_disabled_readers"):
                generator.check_disabled_readers()
        signals.all_generators_finalized.send(generators)
        for generator in generators:
            if hasattr(generator, "refresh_metadata_intersite_links"):
                generator.refresh_metadata_intersite_links()
        writer = self._get_writer()
        for generator in generators:
            if hasattr(generator, "generate_output"):
                generator.generate_output(writer)
        signals.finalized.send(self)
        return generators


def summary(generators: list[Any], written: set[str], seconds: float) -> str:
    """What was read (Pelican's articles and pages when there are any) and what was written."""
    read = []
    for generator in generators:
        if isinstance(generator, ArticlesGenerator | PagesGenerator):
            kind = "article" if isinstance(generator, ArticlesGenerator) else "page"
            items = getattr(generator, f"{kind}s")
            if count := len(items) + len(generator.translations):
                read.append(maybe_pluralize(count, kind, f"{kind}s"))
        elif getattr(generator, "processed", ""):
            read.append(generator.processed)
    pages = sum(1 for path in written if path.endswith(".html"))
    files = maybe_pluralize(len(written), "file", "files")
    done = f"wrote {files} ({maybe_pluralize(pages, 'HTML page', 'HTML pages')})"
    if read:
        done = f"Processed {' and '.join(read)} and {done}"
    return f"Done: {done[0].upper()}{done[1:]} in {seconds:.2f} seconds."


YOUNG_COLLECTION_EVERY = 5_000  # allocations: about a page


@contextlib.contextmanager
def young_garbage_collected_only() -> Iterator[None]:
    """Collect only the garbage made since the last collection while the site is built.

    A build reads the content into objects it keeps to the end; each full collection would
    walk all of them again, a fifth of the time of a large build. Rendering leaves a few dozen
    objects a page in reference cycles (Jinja's render contexts): uncollected, 70 MB at 5,000
    events. Collecting the young generation only, every few thousand allocations, frees those
    and never walks what lives on. The forked worker inherits this.

    Afterwards everything still tracked is frozen: the collections after the build, and the
    one Python makes when the process ends, skip it (0.3-0.4 s of a 500-event build, measured
    with ``invoke bench``). A process that builds again (``invoke serve``, ``invoke editor``)
    thaws and collects the previous build's leftovers first, so nothing accumulates.
    """
    if gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()
    was_enabled, thresholds = gc.isenabled(), gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTION_EVERY, 10**9, 10**9)
    gc.enable()
    try:
        yield
    finally:
        gc.freeze()
        if not was_enabled:
            gc.disable()
        gc.set_threshold(*thresholds)
