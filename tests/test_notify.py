"""``invoke notify``: every message reaches every channel once, whatever repeats.

Against a real SMTP server (aiosmtpd, with STARTTLS and a login) and a real HTTP receiver on
loopback (webhooks and the WebSub hub): the ledger remembers what each channel accepted, so a
re-run, a run of an older build and two runs at once send nothing twice; a failing or hanging
channel delays no other and is tried again by the next run; the guards stop what looks wrong.

The "earlier" site is the same content built an hour before: its messages are recorded with
``--baseline``, so the new ones are those of that hour, as after a deploy.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import hashlib
import hmac
import http.server
import json
import os
import shutil
import signal
import ssl
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP as SmtpServer
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword, Session
from conftest import FIXTURE_NOW_UTC, REPO, make_project

from tools.ports import free_port

sys.path.insert(0, str(REPO / "plugins"))

from douane_status.building.build import build_site
from douane_status.commands.notify import notify
from douane_status.domain.errors import ConfigError, ExitStatus
from douane_status.notify.config import notifications_from
from douane_status.notify.delivery import Limits
from douane_status.notify.options import NotifyOptions

SITE_URL = "https://status.example.org"
SECRET = "webhook-secret"
USER, PASSWORD = "mailer", "mail-password"
EARLIER = FIXTURE_NOW_UTC - dt.timedelta(hours=1)
PROCESSES = ("import", "export", "storage", "transit", "entry", "exit", "excise")
FAST = Limits(timeout=2.0, backoff=(1.0, 4.0, 16.0), deadline=8.0)
LINK = "https://example.org/noodprocedure/ncts"
UNSUBSCRIBE = "https://lists.example.org/leave/alles?token=1"


# -- the receivers ----------------------------------------------------------------------------


class Inbox:
    def __init__(self) -> None:
        self.mails: list[EmailMessage] = []
        self.recipients: list[list[str]] = []

    async def handle_DATA(self, server: SmtpServer, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or b""
        self.mails.append(email.message_from_bytes(raw, policy=email.policy.default))  # type: ignore[arg-type]
        self.recipients.append(list(envelope.rcpt_tos))
        return "250 OK"


def _login(
    server: SmtpServer, session: Session, envelope: Envelope, mechanism: str, data: Any
) -> AuthResult:
    given = (data.login, data.password) if isinstance(data, LoginPassword) else None
    ok = given == (USER.encode(), PASSWORD.encode())
    return AuthResult(success=ok)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, made with openssl."""
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return cert, key


@pytest.fixture
def smtp(certificate: tuple[Path, Path]) -> Iterator[tuple[Inbox, dict[str, str]]]:
    """A real SMTP server that requires STARTTLS before AUTH and mail; and the environment."""
    cert, key = certificate
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    inbox = Inbox()
    port = free_port()
    controller = Controller(
        inbox, hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True,
        authenticator=_login, auth_required=True, auth_require_tls=True,
    )  # fmt: skip
    controller.start()
    environ = {
        "NOTIFY_SMTP_HOST": "127.0.0.1",
        "NOTIFY_SMTP_PORT": str(port),
        "NOTIFY_SMTP_USER": USER,
        "NOTIFY_SMTP_PASSWORD": PASSWORD,
        "NOTIFY_SMTP_CA_FILE": str(cert),
        "HOOK_SECRET": SECRET,
    }
    try:
        yield inbox, environ
    finally:
        controller.stop()


class Receiver(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.posts: list[tuple[str, dict[str, str], bytes]] = []
        self.release = threading.Event()  # lets the hanging requests go

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def of(self, path: str) -> list[tuple[str, dict[str, str], bytes]]:
        return [p for p in self.posts if p[0] == path]

    def ids(self, path: str) -> list[str]:
        return sorted(p[1]["X-Douane-Status-Message"] for p in self.of(path))


class _Handler(http.server.BaseHTTPRequestHandler):
    server: Receiver

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.path.startswith("/hang"):
            self.server.release.wait(30)  # answers nothing while the run waits
            return
        if self.path.startswith("/slow"):
            time.sleep(0.3)
        self.server.posts.append((self.path, dict(self.headers.items()), body))
        tries = sum(1 for path, _, _ in self.server.posts if path == self.path)
        failing = self.path.startswith("/fail") or (self.path.startswith("/flaky") and tries < 3)
        self.send_response(500 if failing else 204)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def http_receiver() -> Iterator[Receiver]:
    """Webhooks and the WebSub hub on loopback: 204 for each POST, 500 below /fail, below
    /flaky 500 for the first two POSTs to an address, a slow answer below /slow and none at all
    below /hang."""
    server = Receiver()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server
    finally:
        server.release.set()
        server.shutdown()
        server.server_close()


@pytest.fixture
def receiver(http_receiver: Receiver) -> Receiver:
    http_receiver.posts.clear()
    return http_receiver


# -- the sites --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sites(
    tmp_path_factory: pytest.TempPathFactory, http_receiver: Receiver
) -> tuple[Path, Path, Path]:
    """A project whose feeds name the receiver as their WebSub hub and one of whose messages
    has a link, built now (the new site) and an hour before (the earlier one)."""
    project = make_project(tmp_path_factory.mktemp("notify") / "project")
    settings = project / "pelicanconf.py"
    hub = f"{http_receiver.url}/hub"
    settings.write_text(settings.read_text() + f'\nDOUANE_STATUS["websub_hub"] = "{hub}"\n')
    event = project / "content" / "outages" / "2026" / "2026-11-29-ncts-verstoring.md"
    text = event.read_text(encoding="utf-8")
    text = text.replace("**fallback procedure**.", f"**fallback procedure**, [see]({LINK}).")
    text = text.replace(
        "**noodprocedure** gebruiken.", f"**noodprocedure** gebruiken, [zo]({LINK})."
    )
    event.write_text(text, encoding="utf-8")
    built, earlier = project / "output", project / "earlier"
    build_site(project, settings, built, FIXTURE_NOW_UTC, site_url=SITE_URL)
    build_site(project, settings, earlier, EARLIER, site_url=SITE_URL)
    return project, built, earlier


def update_ids(site: Path, lang_root: str = "api/v2") -> dict[str, dict[str, Any]]:
    found = {}
    for name, key in (("incidents.json", "incidents"),
                      ("scheduled-maintenances.json", "scheduled_maintenances")):  # fmt: skip
        for incident in json.loads((site / lang_root / name).read_text())[key]:
            for update in incident["incident_updates"]:
                found[update["id"]] = incident
    return found


def new_ids(built: Path, earlier: Path) -> list[str]:
    return sorted(set(update_ids(built)) - set(update_ids(earlier)))


def in_group(incident: dict[str, Any], group: str) -> bool:
    """Whether the API places one of the incident's components in ``group``."""
    return any(c["group_id"] == group for c in incident["components"])


def configure(project: Path, receiver: Receiver, *hooks: str) -> None:
    """Two lists (one with its own join and leave addresses) and a webhook per path."""
    webhooks = "".join(
        f"  - {{name: {path.strip('/')}, url: '{receiver.url}{path}', lang: en,"
        " secret_env: HOOK_SECRET}\n"
        for path in hooks or ("/hook",)
    )
    (project / "content" / "notifications.yaml").write_text(
        f"""
email:
  from: "Beschikbaarheid Douanesystemen <status@example.org>"
  lists:
    - address: alles@lists.example.org
      process: all
      lang: nl
      subscribe: mailto:alles-join@lists.example.org
      unsubscribe: [mailto:alles-leave@lists.example.org, "{UNSUBSCRIBE}"]
    - {{address: transit-en@lists.example.org, process: transit, lang: en}}
webhooks:
{webhooks}""",
        encoding="utf-8",
    )


def run(
    project: Path,
    environ: dict[str, str],
    capsys: pytest.CaptureFixture[str],
    limits: Limits = FAST,
    **options: Any,
) -> tuple[ExitStatus, str]:
    waits: list[float] = []
    code = notify(
        project, NotifyOptions(**options), sleep=waits.append, environ=environ, limits=limits
    )
    out = capsys.readouterr()
    return code, out.out + out.err + "".join(f"\nwaited {w}" for w in waits)


def baseline(project: Path, site: Path, ledger: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(project, {}, capsys, site=str(site), ledger=str(ledger), baseline=True)
    assert code == ExitStatus.OK, out


def message_of(mail: EmailMessage) -> str:
    """The message a mail is, by its Message-ID (``<message id>.<lang>@<site host>``)."""
    return str(mail["Message-ID"]).strip(" <>").split(".")[0]


def ledger_ids(ledger: Path, channel: str) -> set[str]:
    """The messages the ledger folder has as delivered to ``channel``."""
    for path in ledger.glob("*.json"):
        data = json.loads(path.read_text())
        if data["channel"] == channel:
            return {m for m, e in data["messages"].items() if "delivered" in e}
    return set()


# -- once, whatever repeats -------------------------------------------------------------------


def test_each_new_message_reaches_each_channel_once_and_a_rerun_sends_nothing(
    sites: tuple[Path, Path, Path],
    smtp: tuple[Inbox, dict[str, str]],
    receiver: Receiver,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    project, built, earlier = sites
    inbox, environ = smtp
    configure(project, receiver)
    ledger = tmp_path / "ledger"
    baseline(project, earlier, ledger, capsys)
    assert inbox.mails == [] and receiver.posts == [], "a baseline sends nothing"
    new = new_ids(built, earlier)
    assert len(new) == 2, "the fixture has messages in the hour between the two builds"
    transit = [m for m in new if in_group(update_ids(built)[m], "process-transit")]

    code, out = run(project, environ, capsys, site=str(built), ledger=str(ledger))
    assert code == ExitStatus.OK, out
    to_all = [m for m in inbox.mails if m["To"] == "alles@lists.example.org"]
    assert inbox.recipients == [[m["To"]] for m in inbox.mails]
    assert len(inbox.mails) == len(new) + len(transit) == 3
    assert sorted(message_of(m) for m in to_all) == new
    assert receiver.ids("/hook") == new
    for _, headers, body in receiver.of("/hook"):
        expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
        assert headers["X-Douane-Status-Signature"] == expected
        payload = json.loads(body)
        assert set(payload) == {"meta", "page", "incident"}
        assert payload["meta"]["unsubscribe"] == SITE_URL + "/en/subscribe/"
        update_id = headers["X-Douane-Status-Message"]
        assert payload["incident"]["id"] == update_ids(built, "en/api/v2")[update_id]["id"]
        assert payload["incident"]["incident_updates"][0]["id"] == update_id  # newest first
    pings = [body for _, _, body in receiver.of("/hub")]
    feed = b"hub.mode=publish&hub.url=https%3A%2F%2Fstatus.example.org%2Ffeeds%2Fnl.atom.xml"
    assert feed in pings, "the feeds with the new entries are pinged"
    assert not any(b"excise" in p for p in pings), "no feed without a new message"
    assert ledger_ids(ledger, "webhook:hook") >= set(new)

    # Again: the ledger has every message as delivered; a cached or older site changes nothing.
    sent, posted = len(inbox.mails), len(receiver.posts)
    for site in (built, earlier, built):
        code, out = run(project, environ, capsys, site=str(site), ledger=str(ledger))
        assert code == ExitStatus.OK, out
        assert "0 delivery(ies) due" in out
    assert (len(inbox.mails), len(receiver.posts)) == (sent, posted)


def test_a_failed_channel_is_named_the_others_deliver_and_the_next_run_sends_only_it(
    sites: tuple[Path, Path, Path],
    smtp: tuple[Inbox, dict[str, str]],
    receiver: Receiver,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The mail server refuses the login and a webhook answers 500: the other webhook delivers;
    the re-run, once both work again, sends exactly what did not arrive."""
    project, built, earlier = sites
    inbox, environ = smtp
    ledger = tmp_path / "ledger"
    configure(project, receiver, "/hook", "/fail")
    baseline(project, earlier, ledger, capsys)
    new = new_ids(built, earlier)

    wrong = environ | {"NOTIFY_SMTP_PASSWORD": "wrong"}
    patient = Limits(timeout=2.0, deadline=60.0)  # time for every retry (the waits are not real)
    code, out = run(project, wrong, capsys, patient, site=str(built), ledger=str(ledger))
    assert code == ExitStatus.FINDINGS
    assert inbox.mails == []
    assert receiver.ids("/hook") == new
    first = "2026-11-29-ncts-verstoring-update-20261129T081000Z"  # the older of the two
    assert first in new
    assert f"NOT delivered: {first} to email:alles@lists.example.org: SMTP" in out
    assert f"NOT delivered: {first} to webhook:fail: http://127.0.0.1" in out
    assert "waited 1.0\nwaited 4.0\nwaited 16.0" in out, "the webhook was retried with backoff"
    assert len(receiver.of("/fail")) == 4, "four attempts, then the channel stops for this run"
    assert "the next run sends them" in out
    assert ledger_ids(ledger, "webhook:fail").isdisjoint(new)

    # The webhook works again (its owner fixed it: same channel, another address), and so
    # does the mail server.
    configure(project, receiver, "/hook", "/fail")
    yaml_file = project / "content" / "notifications.yaml"
    yaml_file.write_text(yaml_file.read_text().replace("/fail'", "/fixed'"))
    hooks = len(receiver.of("/hook"))
    code, out = run(project, environ, capsys, site=str(built), ledger=str(ledger))
    assert code == ExitStatus.OK, out
    assert len(receiver.of("/hook")) == hooks, "the webhook that had them gets nothing twice"
    assert receiver.ids("/fixed") == new
    assert len(inbox.mails) == 3, "the mails that failed, once each"


def test_a_withdrawn_and_a_backdated_update_are_new_messages_and_no_other_is_sent_again(
    sites: tuple[Path, Path, Path],
    smtp: tuple[Inbox, dict[str, str]],
    receiver: Receiver,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    project, built, _ = sites
    inbox, environ = smtp
    ledger = tmp_path / "ledger"
    configure(project, receiver)
    baseline(project, built, ledger, capsys)
    changed = make_project(tmp_path / "changed", project / "content")
    shutil.copy2(project / "pelicanconf.py", changed / "pelicanconf.py")
    event = changed / "content" / "outages" / "2026" / "2026-11-29-ncts-verstoring.md"
    text = event.read_text(encoding="utf-8")
    # the update of 09:10 withdrawn and published again at 09:12; one inserted at 09:00
    text = text.replace("  - at: 2026-11-29 09:10\n", "  - at: 2026-11-29 09:12\n")
    text = text.replace(
        "  - at: 2026-11-29 09:12\n",
        "  - at: 2026-11-29 09:00\n    status: investigating\n    next_update: 2026-11-29 09:30\n"
        "    nl: Nog in onderzoek.\n    en: Still under investigation.\n"
        "  - at: 2026-11-29 09:12\n",
    )
    event.write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    build_site(changed, changed / "pelicanconf.py", site, FIXTURE_NOW_UTC, site_url=SITE_URL)
    new = new_ids(site, built)
    assert [n.rpartition("-update-")[2] for n in new] == ["20261129T080000Z", "20261129T081200Z"]

    code, out = run(project, environ, capsys, site=str(site), ledger=str(ledger))
    assert code == ExitStatus.OK, out
    assert receiver.ids("/hook") == new, "the two new messages, and no old one again"
    assert sorted(message_of(m) for m in inbox.mails) == sorted(new * 2)


def test_a_site_deployed_empty_and_then_restored_sends_nothing_again(
    sites: tuple[Path, Path, Path],
    receiver: Receiver,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An accidental deletion, deployed and then reverted: the empty API is no reason to send,
    and the restored one holds nothing the ledger lacks."""
    project, built, _ = sites
    (project / "content" / "notifications.yaml").write_text(
        f"webhooks:\n  - {{name: hook, url: '{receiver.url}/hook', lang: nl}}\n"
    )
    ledger = tmp_path / "ledger"
    baseline(project, built, ledger, capsys)
    emptied = make_project(tmp_path / "emptied", project / "content")
    shutil.copy2(project / "pelicanconf.py", emptied / "pelicanconf.py")
    shutil.rmtree(emptied / "content" / "outages")
    empty = tmp_path / "empty"
    build_site(emptied, emptied / "pelicanconf.py", empty, FIXTURE_NOW_UTC, site_url=SITE_URL)
    assert update_ids(empty) == {}
    for site in (empty, built):
        code, out = run(project, {}, capsys, site=str(site), ledger=str(ledger))
        assert code == ExitStatus.OK and "0 delivery(ies) due" in out, out
    assert receiver.posts == []


def test_two_runs_at_once_send_each_message_to_each_channel_once(
    sites: tuple[Path, Path, Path],
    smtp: tuple[Inbox, dict[str, str]],
    receiver: Receiver,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Two processes started together on one ledger folder, with receivers slow enough that
    they overlap: every message reaches every channel once."""
    project, built, _ = sites
    inbox, environ = smtp
    ledger = tmp_path / "ledger"
    configure(project, receiver, "/slow-a", "/slow-b")
    runs = [notify_process(project, environ, built, ledger, "--resend-since", SINCE)
            for _ in range(2)]  # fmt: skip
    outputs = [r.communicate(timeout=60) for r in runs]
    assert [r.returncode for r in runs] == [0, 0], outputs
    assert any("Left to another run that is sending them" in out for out, _ in outputs), outputs
    expected = since_the_25th(built)
    for path in ("/slow-a", "/slow-b"):
        counts = Counter(receiver.ids(path))
        assert set(counts) == expected and set(counts.values()) == {1}, (path, counts, outputs)
    mails = Counter((m["To"], m["Message-ID"]) for m in inbox.mails)
    assert set(mails.values()) == {1}, mails
    assert ledger_ids(ledger, "webhook:slow-a") == expected


SINCE = "2026-11-25T00:00"  # seven messages: enough to overlap, few enough to be quick


def since_the_25th(site: Path) -> set[str]:
    """The messages published since 25 November (local time)."""
    found = {
        m for m, incident in update_ids(site).items()
        if dt.datetime.fromisoformat(incident_update(incident, m)["created_at"])
        >= dt.datetime(2026, 11, 24, 23, tzinfo=dt.UTC)
    }  # fmt: skip
    assert len(found) == 7
    return found


def incident_update(incident: dict[str, Any], update_id: str) -> dict[str, Any]:
    return next(u for u in incident["incident_updates"] if u["id"] == update_id)


def notify_process(
    project: Path, environ: dict[str, str], site: Path, ledger: Path, *more: str
) -> subprocess.Popen[str]:
    """``tasks.py notify`` in a process of its own."""
    return subprocess.Popen(
        [sys.executable, "tasks.py", "notify", "--site", str(site), "--ledger", str(ledger),
         "--timeout", "2", "--deadline", "30", *more],
        cwd=project, env=os.environ | environ, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip


def test_a_hanging_receiver_delays_no_other_channel_and_stays_undelivered(
    sites: tuple[Path, Path, Path],
    smtp: tuple[Inbox, dict[str, str]],
    receiver: Receiver,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    project, built, earlier = sites
    inbox, environ = smtp
    ledger = tmp_path / "ledger"
    configure(project, receiver, "/hook", "/hang")
    baseline(project, earlier, ledger, capsys)
    new = new_ids(built, earlier)
    limits = Limits(timeout=1.0, backoff=(0.1, 0.1, 0.1), deadline=2.5)
    started = time.monotonic()
    code, out = run(project, environ, capsys, limits, site=str(built), ledger=str(ledger))
    took = time.monotonic() - started
    assert code == ExitStatus.FINDINGS
    assert took < limits.deadline + limits.timeout + 2, took
    assert receiver.ids("/hook") == new and len(inbox.mails) == 3, "the others delivered"
    assert "to webhook:hang: http://127.0.0.1" in out and "TimeoutError" in out
    assert ledger_ids(ledger, "webhook:hang").isdisjoint(new), "the next run tries again"
    assert ledger_ids(ledger, "webhook:hook") >= set(new)


def test_a_run_killed_at_any_moment_leaves_a_whole_ledger_and_the_next_sends_the_rest(
    sites: tuple[Path, Path, Path],
    smtp: tuple[Inbox, dict[str, str]],
    receiver: Receiver,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    project, built, _ = sites
    _, environ = smtp
    ledger = tmp_path / "ledger"
    configure(project, receiver, "/slow-k")
    (project / "content" / "notifications.yaml").write_text(
        f"webhooks:\n  - {{name: k, url: '{receiver.url}/slow-k', lang: nl}}\n", encoding="utf-8"
    )
    since = ("--resend-since", SINCE)
    process = notify_process(project, environ, built, ledger, *since)
    while len(receiver.of("/slow-k")) < 3 and process.poll() is None:
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait(10)
    time.sleep(0.5)  # the request in flight when the run died reaches the receiver all the same
    recorded = ledger_ids(ledger, "webhook:k")  # every file reads whole
    assert 1 <= len(recorded) <= len(receiver.of("/slow-k")) < 7
    before = Counter(receiver.ids("/slow-k"))

    code, out = run(project, environ, capsys, site=str(built), ledger=str(ledger),
                    resend_since=since[1])  # fmt: skip
    assert code == ExitStatus.OK, out
    after = Counter(receiver.ids("/slow-k"))
    assert set(after) == since_the_25th(built), "every message arrived"
    again = {m for m in after if after[m] > 1}
    assert again.isdisjoint(recorded), "what the ledger had is never sent again"
    assert len(again) <= 1 and set(before) - recorded >= again, "at most the one in flight"
    assert "Taken over from run" in out or not again


def test_a_git_ledger_is_a_branch_pushed_by_every_run_and_read_by_the_next(
    sites: tuple[Path, Path, Path],
    receiver: Receiver,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``--ledger git:BRANCH``: two processes at once against one remote; a push the other run
    beat is rejected, read again, and only what is still missing is sent."""
    project, built, _ = sites
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(remote)], check=True)
    clones = []
    for name in ("one", "two"):
        clone = make_project(tmp_path / name, project / "content")
        shutil.copy2(project / "pelicanconf.py", clone / "pelicanconf.py")
        subprocess.run(["git", "init", "--quiet", str(clone)], check=True)
        subprocess.run(
            ["git", "-C", str(clone), "remote", "add", "origin", str(remote)], check=True
        )
        (clone / "content" / "notifications.yaml").write_text(
            f"webhooks:\n  - {{name: g, url: '{receiver.url}/slow-g', lang: en}}\n"
        )
        clones.append(clone)
    since = ("--resend-since", SINCE)
    runs = [notify_process(c, {}, built, Path("git:notify-ledger"), *since) for c in clones]
    outputs = [r.communicate(timeout=60) for r in runs]
    assert [r.returncode for r in runs] == [0, 0], outputs
    assert any("Left to another run that is sending them" in out for out, _ in outputs), outputs
    counts = Counter(receiver.ids("/slow-g"))
    assert set(counts) == since_the_25th(built) and set(counts.values()) == {1}, (counts, outputs)
    files = subprocess.run(
        ["git", "-C", str(remote), "ls-tree", "--name-only", "notify-ledger"],
        check=True, capture_output=True, text=True,
    ).stdout.split()  # fmt: skip
    assert "webhook%3Ag.json" in files and any(f.startswith("websub%3Ahttp") for f in files)
    show = ["git", "-C", str(remote), "show", "notify-ledger:webhook%3Ag.json"]
    data = json.loads(subprocess.run(show, check=True, capture_output=True).stdout)
    assert sum("delivered" in e for e in data["messages"].values()) == 7

    posts = len(receiver.posts)
    code, out = run(clones[0], {}, capsys, site=str(built), ledger="git:notify-ledger",
                    resend_since=since[1])  # fmt: skip
    assert code == ExitStatus.OK and "0 delivery(ies) due" in out, out
    assert len(receiver.posts) == posts


# -- the guards -------------------------------------------------------------------------------


def test_a_lost_ledger_with_many_recent_messages_sends_nothing_without_allow_many(
    sites: tuple[Path, Path, Path],
    smtp: tuple[Inbox, dict[str, str]],
    receiver: Receiver,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With the limit at 10 for this test (the fixture has 16 messages, the real limit is 20):
    an empty ledger makes every message due; nothing is sent, exit 1, with how many and why."""
    from douane_status.notify import plan

    monkeypatch.setattr(plan, "MANY", 10)
    project, built, _ = sites
    inbox, environ = smtp
    configure(project, receiver)
    ledger = tmp_path / "ledger"
    options = {"site": str(built), "ledger": str(ledger), "resend_since": "2026-10-01T00:00"}
    code, out = run(project, environ, capsys, **options)
    assert code == ExitStatus.FINDINGS
    assert "error: 16 messages are due for email:alles@lists.example.org" in out
    assert "nothing was sent" in out and "--allow-many" in out
    assert inbox.mails == [] and receiver.posts == []
    assert not list(ledger.glob("*.json")), "nothing recorded either"

    code, out = run(project, environ, capsys, allow_many=True, **options)
    assert code == ExitStatus.OK, out
    assert len(receiver.of("/hook")) == 16


def test_messages_older_than_a_day_are_listed_not_sent_and_resend_since_sends_them(
    sites: tuple[Path, Path, Path],
    smtp: tuple[Inbox, dict[str, str]],
    receiver: Receiver,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    project, built, _ = sites
    _, environ = smtp
    configure(project, receiver)
    ledger = tmp_path / "ledger"
    recent = sorted(
        m for m, incident in update_ids(built).items()
        if dt.datetime.fromisoformat(incident_update(incident, m)["created_at"])
        >= FIXTURE_NOW_UTC - dt.timedelta(hours=24)
    )  # fmt: skip
    assert 0 < len(recent) < 16
    code, out = run(project, environ, capsys, site=str(built), ledger=str(ledger))
    assert code == ExitStatus.OK, out
    assert receiver.ids("/hook") == recent
    assert "Not sent automatically: 12 undelivered message(s) older than 24 hours" in out
    assert "  2026-11-15-ncts-uitloop-update-20261115T122000Z to email:alles@" in out
    assert "--resend-since 2026-10-30T" in out

    code, out = run(project, environ, capsys, site=str(built), ledger=str(ledger),
                    resend_since="2026-11-15T00:00", channel=("webhook:hook",))  # fmt: skip
    assert code == ExitStatus.OK, out
    counts = Counter(receiver.ids("/hook"))
    assert set(counts.values()) == {1} and len(counts) == len(recent) + 9
    assert "2026-11-15-ncts-uitloop-update-20261115T122000Z" in counts


def test_a_site_built_without_publish_is_refused(
    sites: tuple[Path, Path, Path],
    receiver: Receiver,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    project, _, _ = sites
    configure(project, receiver)
    local = tmp_path / "local"
    build_site(project, project / "pelicanconf.py", local, FIXTURE_NOW_UTC)
    code, out = run(project, {}, capsys, site=str(local), ledger=str(tmp_path / "ledger"))
    assert code == ExitStatus.USAGE
    assert "was built without --publish: its addresses are not absolute" in out
    on_this_machine = tmp_path / "localhost"
    build_site(project, project / "pelicanconf.py", on_this_machine, FIXTURE_NOW_UTC,
               site_url="http://localhost:8000")  # fmt: skip
    code, out = run(project, {}, capsys, site=str(on_this_machine), ledger=str(tmp_path / "l"))
    assert code == ExitStatus.USAGE and "its addresses name this machine" in out
    assert receiver.posts == []


def test_every_missing_secret_is_named_before_anything_is_sent(
    sites: tuple[Path, Path, Path],
    smtp: tuple[Inbox, dict[str, str]],
    receiver: Receiver,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    project, built, earlier = sites
    inbox, environ = smtp
    configure(project, receiver)
    ledger = tmp_path / "ledger"
    baseline(project, earlier, ledger, capsys)
    lacking = {k: v for k, v in environ.items() if k not in ("HOOK_SECRET", "NOTIFY_SMTP_USER")}
    code, out = run(project, lacking, capsys, site=str(built), ledger=str(ledger))
    assert code == ExitStatus.USAGE
    assert "NOTIFY_SMTP_USER" in out and "the environment variable HOOK_SECRET is unset" in out
    assert inbox.mails == [] and receiver.posts == []


# -- what subscribers read --------------------------------------------------------------------


def test_a_mail_says_its_own_status_keeps_links_and_offers_one_click_unsubscribe(
    sites: tuple[Path, Path, Path],
    smtp: tuple[Inbox, dict[str, str]],
    receiver: Receiver,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    project, built, _ = sites
    inbox, environ = smtp
    configure(project, receiver)
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    code, out = run(project, environ, capsys, site=str(built), ledger=str(tmp_path / "l"),
                    resend_since="2026-10-01T00:00")  # fmt: skip
    assert code == ExitStatus.OK, out
    subjects = {str(m["Subject"]) for m in inbox.mails}
    assert "Onderhoud aan NCTS – Uitloop" in subjects  # not "Bezig"
    assert any(s.endswith("– Geannuleerd") for s in subjects)  # not "Afgerond"
    dutch = [m for m in inbox.mails if m["To"] == "alles@lists.example.org"]
    english = [m for m in inbox.mails if m["To"] == "transit-en@lists.example.org"]
    assert dutch[0]["List-Unsubscribe"] == (
        f"<mailto:alles-leave@lists.example.org>, <{UNSUBSCRIBE}>"
    )
    assert dutch[0]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert english[0]["List-Unsubscribe"] == f"<{SITE_URL}/en/subscribe/>"
    assert english[0]["List-Unsubscribe-Post"] is None  # no https address of the list's own
    for mail in inbox.mails:
        sent = email.utils.parsedate_to_datetime(str(mail["Date"]))
        assert before <= sent <= dt.datetime.now(dt.UTC), "the moment of sending"
    for mail, lang, words in ((dutch[0], "nl", "Lees dit bericht op de site"),
                              (english[0], "en", "Read this message on the site")):  # fmt: skip
        assert mail["Content-Language"] == lang
        text, html = mail.get_body(("plain",)), mail.get_body(("html",))
        assert text is not None and html is not None
        assert words in text.get_content()
        assert "/#update-2026" in text.get_content()  # the message's own place on the page
        assert f'<html lang="{lang}">' in html.get_content()
    leave = "alles-leave@lists.example.org"
    assert leave in dutch[0].get_body(("plain",)).get_content()  # type: ignore[union-attr]
    linked = [m for m in english if f"({LINK})" in str(m.get_body(("plain",)).get_content())]  # type: ignore[union-attr]
    assert len(linked) == 1, "the text keeps the address after the words"
    assert f'<a href="{LINK}">{LINK}</a>' in linked[0].get_body(("html",)).get_content()  # type: ignore[union-attr]
    hooks = [json.loads(b) for _, _, b in receiver.of("/hook")]
    assert any(f"({LINK})" in u["body"] for h in hooks for u in h["incident"]["incident_updates"])
    # the Dutch and the English mail of one message have ids of their own
    english_ids = {str(e["Message-ID"]) for e in english}
    assert english_ids and not english_ids & {str(m["Message-ID"]) for m in dutch}


def test_one_message_to_two_lists_of_one_language_has_one_message_id(
    sites: tuple[Path, Path, Path],
    smtp: tuple[Inbox, dict[str, str]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    project, built, _ = sites
    inbox, environ = smtp
    (project / "content" / "notifications.yaml").write_text(
        "email:\n  from: status@example.org\n  lists:\n"
        "    - {address: import@lists.example.org, process: import, lang: nl}\n"
        "    - {address: entry@lists.example.org, process: entry, lang: nl}\n",
        encoding="utf-8",
    )
    code, out = run(project, environ, capsys, site=str(built), ledger=str(tmp_path / "ledger"),
                    resend_since="2026-11-25T00:00")  # fmt: skip
    assert code == ExitStatus.OK, out
    ics2 = [m for m in inbox.mails if "ics2-opgelost-update-20261125T143000Z" in m["Message-ID"]]
    assert sorted(m["To"] for m in ics2) == ["entry@lists.example.org", "import@lists.example.org"]
    assert ics2[0]["Message-ID"] == ics2[1]["Message-ID"]  # ICS2 serves both processes


def test_slack_and_teams_hear_of_their_processes_in_their_language(
    sites: tuple[Path, Path, Path],
    receiver: Receiver,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    project, built, earlier = sites
    (project / "content" / "notifications.yaml").write_text(
        f"""
webhooks:
  - {{name: slack, url: "{receiver.url}/slack", format: slack, lang: nl, processes: [transit]}}
  - {{name: teams, url_env: TEAMS_URL, format: teams, lang: en}}
""",
        encoding="utf-8",
    )
    environ = {"TEAMS_URL": f"{receiver.url}/teams"}
    ledger = tmp_path / "ledger"
    baseline(project, earlier, ledger, capsys)
    found = update_ids(built)
    new = new_ids(built, earlier)
    transit = sorted(m for m in new if in_group(found[m], "process-transit"))
    assert transit and transit != new, "the fixture's new hour has transit and other messages"

    code, out = run(project, environ, capsys, site=str(built), ledger=str(ledger))
    assert code == ExitStatus.OK, out
    assert receiver.ids("/slack") == transit and receiver.ids("/teams") == new
    slack, teams = receiver.of("/slack"), receiver.of("/teams")
    assert all("X-Douane-Status-Signature" not in p[1] for p in slack + teams)  # no secret set
    message = json.loads(slack[0][2])
    assert set(message) == {"text", "blocks"}
    assert message["text"].endswith("– Verstoring")
    assert f"<{SITE_URL}/status-berichten/" in message["blocks"][0]["text"]["text"]
    assert f"({LINK})" in message["blocks"][0]["text"]["text"]
    card = json.loads(teams[0][2])["attachments"][0]
    assert card["contentType"] == "application/vnd.microsoft.card.adaptive"
    assert card["content"]["type"] == "AdaptiveCard" and card["content"]["lang"] == "en"
    assert card["content"]["actions"][0]["url"].startswith(f"{SITE_URL}/en/")


# -- signing up and leaving -------------------------------------------------------------------


def test_the_subscribe_pages_list_each_mail_list_with_its_sign_up_address(
    sites: tuple[Path, Path, Path], receiver: Receiver, tmp_path: Path
) -> None:
    import lxml.html

    project, _, _ = sites
    configure(project, receiver)
    site = tmp_path / "site"
    build_site(project, project / "pelicanconf.py", site, FIXTURE_NOW_UTC, site_url=SITE_URL)
    pages = {
        "abonneren/index.html": ("Aanmelden:", "Afmelden:", "Vraag er een"),
        "en/subscribe/index.html": ("Sign up:", "Leave:", "To ask for one"),
    }
    for page, words in pages.items():
        doc = lxml.html.fromstring((site / page).read_bytes())
        section = doc.get_element_by_id("mail-heading").getparent()
        items = section.cssselect("li")
        text = [" ".join(" ".join(li.itertext()).split()) for li in items]
        assert text[0].startswith("All systems" if page.startswith("en/") else "Alle systemen")
        assert "( Nederlands ): alles@lists.example.org" in text[0]
        assert words[0] in text[0] and words[1] in text[0]
        assert [a.get("href") for a in items[0].cssselect("a")] == [
            "mailto:alles-join@lists.example.org",
            "mailto:alles-leave@lists.example.org",
            UNSUBSCRIBE,
        ]
        assert items[0].cssselect('span[lang="nl"]') and items[1].cssselect('span[lang="en"]')
        assert "transit-en@lists.example.org" in text[1]
        assert words[2] in section.text_content()
        assert section.cssselect('a[href="mailto:nhd.apeldoorn@douane.nl"]')


def test_a_wrong_notifications_file_is_an_error_of_the_check_and_the_build(
    sites: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    from douane_status.domain.config import StatusSettings
    from douane_status.rules.content import load_content

    project, _, _ = sites
    (project / "content" / "notifications.yaml").write_text(
        "email:\n  lists:\n    - {address: a@b.nl, process: all, lang: nl, subscribe: join}\n"
    )
    content = load_content(project / "content", StatusSettings(), FIXTURE_NOW_UTC)
    (finding,) = [f for f in content.findings if f.is_error]
    assert (finding.file, finding.code) == ("content/notifications.yaml", "OUT004")
    assert "'join' is no mailto: or https:// address" in finding.message


# -- the command ------------------------------------------------------------------------------


def test_a_dry_run_sends_nothing_and_lists_what_it_would(
    sites: tuple[Path, Path, Path],
    smtp: tuple[Inbox, dict[str, str]],
    receiver: Receiver,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    project, built, earlier = sites
    inbox, environ = smtp
    configure(project, receiver)
    ledger = tmp_path / "ledger"
    baseline(project, earlier, ledger, capsys)
    code, out = run(project, environ, capsys, site=str(built), ledger=str(ledger), dry_run=True)
    assert code == ExitStatus.OK, out
    assert "Would send" in out and "to websub:" in out
    assert inbox.mails == [] and receiver.posts == []
    code, out = run(project, {}, capsys, site=str(built), ledger=str(ledger), dry_run=True)
    assert code == ExitStatus.OK and "Would send" in out, "a dry run needs no secrets"
    assert "warning: a real run would stop: e-mail needs the environment variable(s)" in out


def test_a_channel_added_later_is_baselined_alone_and_hears_only_what_comes_next(
    sites: tuple[Path, Path, Path],
    receiver: Receiver,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    project, built, earlier = sites
    ledger = tmp_path / "ledger"
    (project / "content" / "notifications.yaml").write_text(
        f"webhooks:\n  - {{name: old, url: '{receiver.url}/fail', lang: nl}}\n", encoding="utf-8"
    )
    baseline(project, earlier, ledger, capsys)
    (project / "content" / "notifications.yaml").write_text(
        f"webhooks:\n  - {{name: old, url: '{receiver.url}/fail', lang: nl}}\n"
        f"  - {{name: new, url: '{receiver.url}/hook', lang: nl}}\n",
        encoding="utf-8",
    )
    code, out = run(project, {}, capsys, site=str(built), ledger=str(ledger), baseline=True,
                    channel=("webhook:new",))  # fmt: skip
    assert code == ExitStatus.OK, out
    assert ledger_ids(ledger, "webhook:new") == set(update_ids(built))
    assert ledger_ids(ledger, "webhook:old") == set(update_ids(earlier)), "left as it was"
    assert receiver.posts == []


@pytest.mark.parametrize(
    ("options", "says"),
    [
        ({}, "--ledger PLACE is needed"),
        ({"ledger": "l", "resend_since": "2026-11-29"}, "is a date without a time"),
        ({"ledger": "l", "site": "nowhere"}, "--site nowhere: no built site there"),
        ({"ledger": "l", "channel": ("webhook:nobody",)}, "no channel webhook:nobody; known: "),
        ({"ledger": "git:"}, "name a branch"),
        ({"ledger": "tasks.py"}, "tasks.py cannot be made: Not a directory"),  # a file
    ],
)
def test_a_wrong_call_is_a_usage_error_and_sends_nothing(
    sites: tuple[Path, Path, Path],
    receiver: Receiver,
    capsys: pytest.CaptureFixture[str],
    options: dict[str, str],
    says: str,
) -> None:
    project, built, _ = sites
    configure(project, receiver)
    code, out = run(project, {}, capsys, **({"site": str(built)} | options))
    assert code == ExitStatus.USAGE
    assert says in out
    assert receiver.posts == []


def test_a_wrong_notifications_file_stops_the_run_before_anything_is_sent(
    sites: tuple[Path, Path, Path],
    receiver: Receiver,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    project, built, _ = sites
    (project / "content" / "notifications.yaml").write_text(
        f"webhooks:\n  - {{name: a, url: '{receiver.url}/hook', lang: fr}}\n", encoding="utf-8"
    )
    code, out = run(project, {}, capsys, site=str(built), ledger=str(tmp_path / "l"))
    assert code == ExitStatus.USAGE
    assert "webhooks[0].lang must be one of nl, en" in out
    assert receiver.posts == []


def test_invoke_notify_runs_as_an_operator_types_it(
    sites: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    from conftest import invoke

    project, built, earlier = sites
    (project / "content" / "notifications.yaml").write_text("webhooks: []\n", encoding="utf-8")
    ledger = str(tmp_path / "ledger")
    result = invoke(project, "notify", "--site", str(earlier), "--ledger", ledger, "--baseline")
    assert result.returncode == 0, result.stderr
    assert "Baseline: " in result.stdout
    result = invoke(project, "notify", "--site", str(built))
    assert result.returncode == 2
    assert "--ledger PLACE is needed" in result.stderr


# -- the notifications file -------------------------------------------------------------------


def _lists(sender: str | None = "x@y.nl", **entry: object) -> dict[str, object]:
    email = {"lists": [{"address": "a@b.nl", "process": "all", "lang": "nl", **entry}]}
    return {"email": email | ({"from": sender} if sender else {})}


def _hook(**entry: object) -> dict[str, object]:
    return {"webhooks": [{"name": "a", "url": "https://x.example", "lang": "nl", **entry}]}


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (_lists(process="nope"), "unknown process 'nope'"),
        (_lists(lang="de"), "lang must be one of nl, en"),
        (_lists(address="nobody"), "is no e-mail address"),
        (_lists(sender=None), "email.from: a text"),
        (_lists(subscribe="http://x.example/join"), "is no mailto: or https:// address"),
        (_lists(unsubscribe=["mailto:a@b.nl", "leave"]), "'leave' is no mailto: or https://"),
        (_hook(url=None), "give either url or url_env"),
        (_hook(url_env="X"), "give either url or url_env"),
        (_hook(format="irc"), "format must be one of"),
        (_hook(processes=["nope"]), "unknown process 'nope'"),
        (_hook(colour=1), "unknown name(s) colour"),
        ({"sms": []}, "unknown name(s) sms"),
    ],
)
def test_a_wrong_notifications_file_is_refused_with_what_is_wrong(data: object, says: str) -> None:
    with pytest.raises(ConfigError) as caught:
        notifications_from(data, PROCESSES)
    assert says in str(caught.value)


def test_a_right_notifications_file_is_read() -> None:
    read = notifications_from(
        {
            **_lists(process="transit", lang="en", subscribe="mailto:a-join@b.nl",
                     unsubscribe=["mailto:a-leave@b.nl", "https://b.nl/leave"]),
            "webhooks": [{"name": "slack", "url_env": "SLACK_URL", "lang": "nl",
                          "format": "slack", "processes": ["import"]}],
        },
        PROCESSES,
    )  # fmt: skip
    (mail_list,) = read.lists
    assert (mail_list.address, mail_list.process, mail_list.lang) == ("a@b.nl", "transit", "en")
    assert mail_list.subscribe == ("mailto:a-join@b.nl",)
    assert mail_list.unsubscribe == ("mailto:a-leave@b.nl", "https://b.nl/leave")
    hooks = [(h.channel, h.format, h.processes) for h in read.webhooks]
    assert hooks == [("webhook:slack", "slack", ("import",))]


def test_the_committed_notifications_file_and_its_examples_are_valid() -> None:
    import yaml

    from douane_status.notify.config import read_notifications

    systems = yaml.safe_load((REPO / "content" / "systems.yaml").read_text(encoding="utf-8"))
    processes = [p["id"] for p in systems["processes"]]
    read_notifications(REPO / "content", processes)
    text = (REPO / "content" / "notifications.yaml").read_text(encoding="utf-8")
    examples = "\n".join(
        line.removeprefix("#").removeprefix(" ")
        for line in text.splitlines()
        if line.startswith(("# email:", "#   ", "# webhooks:"))
    )
    read = notifications_from(yaml.safe_load(examples), processes)
    assert len(read.lists) == 4 and len(read.webhooks) == 2
    assert all(m.subscribe and m.unsubscribe for m in read.lists)


def test_a_message_is_about_the_systems_its_components_are_by_id_or_by_name() -> None:
    """A component per system, or per process and system (``import.dms``, "DMS (Invoer)")."""
    from douane_status.notify.site_reader import SiteMessage, message_systems

    def message(ids: tuple[str, ...], names: tuple[str, ...]) -> SiteMessage:
        return SiteMessage("e-update-1", "e", "incident", dt.datetime.now(dt.UTC), ids, names, {})

    systems = {"dms": "DMS", "ncts": "NCTS", "aes": "AES"}
    assert message_systems(message(("dms", "ncts"), ("DMS", "NCTS")), systems) == {"dms", "ncts"}
    per_process = message(("import.dms", "export.dms", "transit.ncts"), ("DMS", "DMS", "NCTS"))
    assert message_systems(per_process, systems) == {"dms", "ncts"}
    by_name = message(("a", "b"), ("DMS (Invoer)", "AES (Uitgaan uit de EU)"))
    assert message_systems(by_name, systems) == {"dms", "aes"}
    assert message_systems(message(("x",), ("X",)), systems) == frozenset()


def test_a_feed_entry_names_its_message() -> None:
    from douane_status.notify.site_reader import entry_message

    tag = "tag:douane.nl,2026:beschikbaarheid-douanesystemen/en/events"
    assert entry_message(f"{tag}/2026-11-29-x/updates/20261129T081000Z-2") == (
        "2026-11-29-x-update-20261129T081000Z-2"
    )
    assert entry_message("tag:x/feeds/all") is None


def test_the_publish_workflow_notifies_after_the_deploy_with_the_git_ledger() -> None:
    import yaml

    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "publish.yml").read_text())
    jobs = workflow["jobs"]
    assert workflow["permissions"] == {}
    writers = [
        name for name, job in jobs.items() if job.get("permissions", {}).get("contents") == "write"
    ]
    assert writers == ["notify"], "only the notify job may push (its ledger branch)"
    notify_job = jobs["notify"]
    assert notify_job["needs"] == "deploy"
    assert set(notify_job["permissions"]) == {"contents"}
    assert notify_job["concurrency"]["cancel-in-progress"] is False
    runs = "\n".join(str(step.get("run", "")) for step in notify_job["steps"])
    assert "invoke notify --site output --ledger git:notify-ledger" in runs
    assert "--live" not in runs and "--save-live" not in str(jobs["build"])


# -- the ledger's rules -----------------------------------------------------------------------


def test_a_claim_holds_while_its_run_lives_and_within_its_lease(tmp_path: Path) -> None:
    from douane_status.notify.ledger import Ledger
    from douane_status.notify.ledger_stores import FolderStore

    now = [dt.datetime(2026, 11, 29, 9, tzinfo=dt.UTC)]
    lease = dt.timedelta(minutes=3)

    def ledger() -> Ledger:
        return Ledger(FolderStore(tmp_path / "ledger"), lease, clock=lambda: now[0])

    first, second = ledger(), ledger()
    assert first.claim({"webhook:a": ["m1", "m2"]}).mine == {"webhook:a": ["m1", "m2"]}
    first.record("webhook:a", "m1")
    got = second.claim({"webhook:a": ["m1", "m2"]})
    assert (got.mine, got.busy) == ({}, {"webhook:a": ["m2"]}), "delivered, and being sent"
    now[0] += lease + dt.timedelta(seconds=1)  # the first run is still going, its lease is over
    assert second.claim({"webhook:a": ["m2"]}).taken_over == {"webhook:a": [("m2", first.run)]}

    third = ledger()
    second.close()  # gone without recording or releasing m2: its lock is let go at once
    now[0] -= lease  # well within the lease
    got = third.claim({"webhook:a": ["m2"]})
    assert got.mine == {"webhook:a": ["m2"]} and got.taken_over == {
        "webhook:a": [("m2", second.run)]
    }
    third.release("webhook:a", ["m2"])
    assert "m2" not in third.read()["webhook:a"] and "delivered" in third.read()["webhook:a"]["m1"]


def test_a_ledger_file_that_is_no_ledger_stops_the_run(tmp_path: Path) -> None:
    from douane_status.notify.ledger import Ledger, LedgerError
    from douane_status.notify.ledger_stores import FolderStore

    (tmp_path / "webhook%3Aa.json").write_text("{half a file")
    with pytest.raises(LedgerError, match="is no ledger file"):
        Ledger(FolderStore(tmp_path), dt.timedelta(minutes=3)).read()
