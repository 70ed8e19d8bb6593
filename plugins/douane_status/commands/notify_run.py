"""The notify command's run: read both sites, plan, send, report. ``notify.py`` describes the
command; this module is imported only when it runs, so the other commands start without what
sending needs (e-mail, HTTP, XML)."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Mapping
from pathlib import Path
from zoneinfo import ZoneInfo

from ..domain.errors import ConfigError, ExitStatus, UsageError
from ..domain.timestamps import TimestampError, parse_timestamp
from ..notify import site_reader as sr
from ..notify.config import Notifications, read_notifications
from ..notify.delivery import Sleep
from ..notify.options import NotifyOptions
from ..notify.plan import Plan, plan
from ..notify.run import carry_out
from ..notify.sources import SourceError, files_below, folder_reader, save_copy, site_reader
from ..reading.catalog import read_systems
from .check import read_settings


def run_notify(
    project: Path, options: NotifyOptions, sleep: Sleep, environ: Mapping[str, str]
) -> ExitStatus:
    site = Path(options.site) if Path(options.site).is_absolute() else project / options.site
    try:
        settings, content_dir = read_settings(project)
        if not (site / sr.API_ROOTS["nl"] / sr.STATUS).is_file():
            raise UsageError(f"--site {options.site}: no built site there (build it first)")
        paths = [*sr.api_paths(), *sr.feed_paths(files_below(site, sr.FEEDS))]
        if options.save_live is not None:
            return _save_live(options, paths)
        catalog_file = content_dir / "systems.yaml"
        processes, systems, found = read_systems(str(catalog_file), catalog_file.read_bytes())
        if any(finding.is_error for finding in found):
            raise ConfigError("content/systems.yaml has errors: 'invoke check' shows them")
        notifications = read_notifications(content_dir, [p.id for p in processes])
        since = _since(options.resend_since, settings.tz) if options.resend_since else None
        if (since is None) == (options.live is None):
            raise UsageError("give either --live (what is new) or --resend-since (send again)")
        _known_channels(options.channel, notifications, settings.websub_hub)
    except (UsageError, ConfigError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return ExitStatus.USAGE
    except OSError as exc:
        print(f"error: cannot read {exc.filename or 'a file'}: {exc.strerror}", file=sys.stderr)
        return ExitStatus.USAGE
    try:
        built = sr.read_site(folder_reader(site), sr.feed_paths(paths))
        if since is not None:  # each feed with a hub is pinged again: a ping is harmless
            messages = sr.messages_since(built, since)
            feeds = [feed for _, feed in sorted(built.feeds.items()) if feed.hub]
        else:
            live = sr.read_site(site_reader(str(options.live)), sr.feed_paths(paths))
            messages, feeds = sr.new_messages(built, live), sr.changed_feeds(built, live)
    except (sr.SiteShapeError, SourceError) as exc:
        print(f"error: {exc}. Nothing was sent.", file=sys.stderr)
        return ExitStatus.FINDINGS
    shorts = {s.id: s.short for s in systems}
    served = {s.id: s.processes for s in systems}

    def about(message: sr.SiteMessage) -> frozenset[str]:
        found = sr.message_systems(message, shorts)
        return frozenset(p for system_id in found for p in served[system_id])

    the_plan = plan(messages, feeds, notifications, about, only=options.channel)
    if since is None:
        print(f"{len(messages)} new message(s), {len(feeds)} changed feed(s).")
    else:
        print(f"{len(messages)} message(s) since {options.resend_since} to send again.")
    if options.dry_run:
        _list_plan(the_plan)
        return ExitStatus.OK
    outcome = carry_out(the_plan, built, notifications, sleep, print, environ)
    print(f"Delivered {len(outcome.delivered)}, not delivered {len(outcome.failed)}.")
    if not outcome.failed:
        return ExitStatus.OK
    failed_ids = {f.item for f in outcome.failed}
    # A failed ping is sent again by any resend: from the first message, or from the first failed.
    first = min((m.at for m in messages if m.id in failed_ids), default=None)
    first = first or min((m.at for m in messages), default=None)
    channels = " ".join(f"--channel {c}" for c in sorted({f.channel for f in outcome.failed}))
    print(f"Not delivered: {', '.join(sorted(failed_ids))}.", file=sys.stderr)
    if first is not None:
        print(
            f"Once the channel works, send them again with: invoke notify --site {options.site} "
            f"--resend-since {first.isoformat()} {channels}",
            file=sys.stderr,
        )
    return ExitStatus.FINDINGS


def _known_channels(chosen: tuple[str, ...], notifications: Notifications, hub: str) -> None:
    known = {m.name for m in notifications.lists} | {h.channel for h in notifications.webhooks}
    known |= {f"websub:{hub}"} if hub else set()
    unknown = sorted(set(chosen) - known)
    if unknown:
        raise UsageError(f"no channel {', '.join(unknown)}; known: {', '.join(sorted(known))}")


def _save_live(options: NotifyOptions, paths: list[str]) -> ExitStatus:
    if options.live is None:
        raise UsageError("--save-live needs --live, the live site's address")
    try:
        read = site_reader(options.live)
        sr.read_site(read, [])  # the live site's API must be readable, or nothing can be compared
        saved = save_copy(read, paths, Path(options.save_live or "."))
    except (sr.SiteShapeError, SourceError) as exc:
        print(f"error: the live site {options.live}: {exc}", file=sys.stderr)
        return ExitStatus.FINDINGS
    print(f"Read {saved} file(s) of {options.live} into {options.save_live}.")
    return ExitStatus.OK


def _since(text: str, tz: ZoneInfo) -> dt.datetime:
    try:
        return parse_timestamp(text, tz)
    except TimestampError as exc:
        raise UsageError(f"--resend-since {exc.message}") from None


def _list_plan(the_plan: Plan) -> None:
    for mail_list, message in the_plan.mails:
        print(f"Would send {message.id} to {mail_list.name}")
    for hook, message in the_plan.webhooks:
        print(f"Would send {message.id} to {hook.channel}")
    for feed in the_plan.pings:
        print(f"Would ping {feed.hub} for {feed.url}")
