"""The notify command's run: read the site and the ledger, apply the guards, claim, send, report.

``notify.py`` describes the command; this module is imported only when it runs, so the other
commands start without what sending needs (e-mail, HTTP, XML).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from ..domain.errors import ConfigError, ExitStatus, UsageError
from ..domain.timestamps import TimestampError, parse_timestamp
from ..notify import site_reader as sr
from ..notify.config import Notifications, missing_secrets, read_notifications
from ..notify.delivery import Deadline, Limits, Sleep
from ..notify.ledger import Claimed, Ledger, LedgerError, delivered
from ..notify.ledger_stores import open_store
from ..notify.options import NotifyOptions
from ..notify.plan import MANY, MAX_AGE, Channel, Due, channels, due, wanted
from ..notify.run import GRACE_SECONDS, Outcome, Sending, deliver
from ..notify.sources import built_at, files_below, folder_reader
from ..reading.catalog import read_systems
from .check import read_settings

LEASE_MARGIN = dt.timedelta(minutes=1)  # a claim outlives its run's longest possible wait


def run_notify(
    project: Path,
    options: NotifyOptions,
    sleep: Sleep,
    environ: Mapping[str, str],
    limits: Limits | None,
) -> ExitStatus:
    site = Path(options.site) if Path(options.site).is_absolute() else project / options.site
    try:
        settings, content_dir = read_settings(project)
        if not (site / sr.API_ROOTS["nl"] / sr.STATUS).is_file():
            raise UsageError(f"--site {options.site}: no built site there (build it first)")
        if options.ledger is None:
            raise UsageError(
                "--ledger PLACE is needed: a folder, or git:BRANCH (what was delivered is kept "
                "there; the first time, add --baseline)"
            )
        catalog_file = content_dir / "systems.yaml"
        processes, systems, found = read_systems(str(catalog_file), catalog_file.read_bytes())
        if any(finding.is_error for finding in found):
            raise ConfigError("content/systems.yaml has errors: 'invoke check' shows them")
        notifications = read_notifications(content_dir, [p.id for p in processes])
        since = _moment("--resend-since", options.resend_since, settings.tz)
        chosen = _chosen(options.channel, notifications, settings.websub_hub)
        limits = limits or _limits(options)
        built = sr.read_site(folder_reader(site), sr.feed_paths(files_below(site, sr.FEEDS)))
        local = sr.local_build(built)
        if local is not None:
            raise UsageError(
                f"--site {options.site} was built without --publish: {local}. Build the site "
                "to notify from with SITEURL set: invoke build --publish"
            )
        store = open_store(options.ledger, project)
        problems = missing_secrets(notifications, [c.name for c in chosen], environ)
        if problems and options.dry_run:  # a dry run sends nothing: it only says what is missing
            print(f"warning: a real run would stop: {'; '.join(problems)}", file=sys.stderr)
        elif problems and not options.baseline:
            raise ConfigError("nothing was sent: " + "; ".join(problems))
        reference = _moment("--now", options.now, settings.tz) or built_at(site)
        reference = reference or dt.datetime.now(dt.UTC)
    except (UsageError, ConfigError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return ExitStatus.USAGE
    except LedgerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return ExitStatus.USAGE
    except sr.SiteShapeError as exc:
        print(f"error: {exc}. Nothing was sent.", file=sys.stderr)
        return ExitStatus.FINDINGS
    except OSError as exc:
        print(f"error: cannot read {exc.filename or 'a file'}: {exc.strerror}", file=sys.stderr)
        return ExitStatus.USAGE

    shorts = {s.id: s.short for s in systems}
    served = {s.id: s.processes for s in systems}

    def about(message: sr.SiteMessage) -> frozenset[str]:
        found = sr.message_systems(message, shorts)
        return frozenset(p for system_id in found for p in served[system_id])

    messages = sr.in_order(built.messages.values())
    by_channel = wanted(messages, chosen, about)
    lease = dt.timedelta(seconds=limits.deadline + limits.timeout + GRACE_SECONDS) + LEASE_MARGIN
    try:
        ledger = Ledger(store, lease)
    except LedgerError as exc:
        print(f"error: {exc}. Nothing was sent.", file=sys.stderr)
        return ExitStatus.FINDINGS
    try:
        if options.baseline:
            added = ledger.baseline({c: [m.id for m in ms] for c, ms in by_channel.items()})
            print(
                f"Baseline: {added} delivery(ies) of {len(messages)} message(s) to "
                f"{len(by_channel)} channel(s) recorded in {store.description}; nothing was sent."
            )
            return ExitStatus.OK
        state = ledger.read()
        the_due = due(by_channel, lambda c: delivered(state, c), reference, since)
        _list_too_old(the_due, reference)
        if the_due.too_many and not options.allow_many:
            _refuse_many(the_due)
            return ExitStatus.FINDINGS
        total = sum(len(ms) for ms in the_due.now.values())
        print(f"{total} delivery(ies) due on {len(the_due.now)} channel(s).")
        if options.dry_run:
            for channel, due_now in sorted(the_due.now.items()):
                for message in due_now:
                    print(f"Would send {message.id} to {channel}")
            return ExitStatus.OK
        claimed = ledger.claim({c: [m.id for m in ms] for c, ms in the_due.now.items()})
        _list_claims(claimed)
        work = {
            channel: [m for m in the_due.now[channel] if m.id in set(ids)]
            for channel, ids in claimed.mine.items()
        }
        sending = Sending(built, notifications, ledger, Deadline(limits), sleep, environ)
        outcome = deliver(work, {c.name: c for c in chosen}, sending, print)
    except LedgerError as exc:
        print(f"error: {exc}. Nothing was sent.", file=sys.stderr)  # claims come before sends
        return ExitStatus.FINDINGS
    finally:
        ledger.close()
    return _report(outcome, ledger)


def _moment(name: str, text: str | None, tz: dt.tzinfo) -> dt.datetime | None:
    if text is None:
        return None
    try:
        return parse_timestamp(text, tz)  # type: ignore[arg-type]
    except TimestampError as exc:
        raise UsageError(f"{name} {exc.message}") from None


def _limits(options: NotifyOptions) -> Limits:
    if options.timeout < 1 or options.deadline < 1:
        raise UsageError("--timeout and --deadline are whole seconds, at least 1")
    return Limits(timeout=float(options.timeout), deadline=float(options.deadline))


def _chosen(chosen: Sequence[str], notifications: Notifications, hub: str) -> list[Channel]:
    every = channels(notifications, hub)
    known = {c.name for c in every}
    unknown = sorted(set(chosen) - known)
    if unknown:
        raise UsageError(f"no channel {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    return [c for c in every if not chosen or c.name in chosen]


def _list_too_old(the_due: Due, reference: dt.datetime) -> None:
    if not the_due.too_old:
        return
    hours = int(MAX_AGE.total_seconds() // 3600)
    by_message: dict[str, list[str]] = {}
    first = min(m.at for ms in the_due.too_old.values() for m in ms)
    for channel, old in sorted(the_due.too_old.items()):
        for message in old:
            by_message.setdefault(message.id, []).append(channel)
    print(
        f"Not sent automatically: {len(by_message)} undelivered message(s) older than {hours} "
        f"hours (before {(reference - MAX_AGE).isoformat()}):",
        file=sys.stderr,
    )
    for message_id, names in sorted(by_message.items()):
        print(f"  {message_id} to {', '.join(names)}", file=sys.stderr)
    print(
        f"  Send them with --resend-since {first.isoformat()}, or record them without sending "
        "with --baseline (both with --channel to keep it to one channel).",
        file=sys.stderr,
    )


def _refuse_many(the_due: Due) -> None:
    for channel, count in sorted(the_due.too_many.items()):
        print(
            f"error: {count} messages are due for {channel}, more than {MANY}: nothing was "
            "sent. So many at once means the ledger was lost or emptied, or the site's update "
            "ids changed. Check the ledger; if they really are new, send them with "
            "--allow-many; if they went out already, record them with --baseline.",
            file=sys.stderr,
        )


def _list_claims(claimed: Claimed) -> None:
    for channel, busy in sorted(claimed.busy.items()):
        print(f"Left to another run that is sending them: {len(busy)} message(s) to {channel}.")
    for channel, taken in sorted(claimed.taken_over.items()):
        for message_id, run in taken:
            print(
                f"Taken over from run {run}, which stopped before recording it: {message_id} to "
                f"{channel} (it may arrive twice, with the same message id)."
            )


def _report(outcome: Outcome, ledger: Ledger) -> ExitStatus:
    print(f"Delivered {len(outcome.delivered)}, not delivered {len(outcome.failed)}.")
    status = ExitStatus.OK
    if outcome.failed:
        channels_failed = sorted({f.channel for f in outcome.failed})
        print(
            f"Not delivered on {', '.join(channels_failed)}: "
            f"{', '.join(sorted({f.item for f in outcome.failed}))}. They stay undelivered in "
            "the ledger: the next run sends them once the channel works again.",
            file=sys.stderr,
        )
        status = ExitStatus.FINDINGS
    if ledger.unrecorded:
        for channel, message_id, why in ledger.unrecorded:
            print(
                f"error: {message_id} reached {channel} but is not in the ledger ({why}): a "
                "later run may send it again.",
                file=sys.stderr,
            )
        status = ExitStatus.FINDINGS
    return status
