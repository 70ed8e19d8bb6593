"""``invoke notify``: every message the live site lacks, once, to a real SMTP server (aiosmtpd,
with STARTTLS and a login) and a real HTTP receiver on loopback; nothing twice on a rerun; a
failing channel reported without stopping the others, and sent again with ``--resend-since``.

The "live" site is the same content built an hour earlier, so the new messages are those of that
hour, as after a deploy; the expected ones are worked out from the two sites' API files here.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import hashlib
import hmac
import http.server
import json
import socket
import ssl
import subprocess
import sys
import threading
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP as SmtpServer
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword, Session
from conftest import FIXTURE_NOW_UTC, REPO, make_project

sys.path.insert(0, str(REPO / "plugins"))

from douane_status.building.build import build_site
from douane_status.commands import cli
from douane_status.commands.notify import notify
from douane_status.domain.errors import ConfigError, ExitStatus
from douane_status.notify.config import notifications_from
from douane_status.notify.options import NotifyOptions

SITE_URL = "https://status.example.org"
SECRET = "webhook-secret"
USER, PASSWORD = "mailer", "mail-password"
LIVE_NOW = FIXTURE_NOW_UTC - dt.timedelta(hours=1)
PROCESSES = ("import", "export", "storage", "transit", "entry", "exit", "excise")


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


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


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
    port = _free_port()
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
    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.posts: list[tuple[str, dict[str, str], bytes]] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(http.server.BaseHTTPRequestHandler):
    server: Receiver

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.posts.append((self.path, dict(self.headers.items()), body))
        tries = sum(1 for path, _, _ in self.server.posts if path == self.path)
        failing = self.path.startswith("/fail") or (self.path.startswith("/flaky") and tries < 3)
        self.send_response(500 if failing else 204)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def http_receiver() -> Iterator[Receiver]:
    """Webhooks and the WebSub hub on loopback: 204 for each POST, 500 below /fail, and below
    /flaky 500 for the first two POSTs to an address."""
    server = Receiver()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server
    finally:
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
    """A project whose feeds name the receiver as their WebSub hub, built now (the new site) and
    an hour before (the live one)."""
    project = make_project(tmp_path_factory.mktemp("notify") / "project")
    settings = project / "pelicanconf.py"
    hub = f"{http_receiver.url}/hub"
    settings.write_text(settings.read_text() + f'\nDOUANE_STATUS["websub_hub"] = "{hub}"\n')
    built, live = project / "output", project / "live"
    build_site(project, settings, built, FIXTURE_NOW_UTC, site_url=SITE_URL)
    build_site(project, settings, live, LIVE_NOW, site_url=SITE_URL)
    return project, built, live


def update_ids(site: Path, lang_root: str = "api/v2") -> dict[str, dict[str, Any]]:
    found = {}
    for name, key in (("incidents.json", "incidents"),
                      ("scheduled-maintenances.json", "scheduled_maintenances")):  # fmt: skip
        for incident in json.loads((site / lang_root / name).read_text())[key]:
            for update in incident["incident_updates"]:
                found[update["id"]] = incident
    return found


def in_group(incident: dict[str, Any], group: str) -> bool:
    """Whether the API places one of the incident's components in ``group``."""
    return any(c["group_id"] == group for c in incident["components"])


def configure(project: Path, receiver: Receiver, hook_path: str = "/hook") -> None:
    (project / "content" / "notifications.yaml").write_text(
        f"""
email:
  from: "Beschikbaarheid Douanesystemen <status@example.org>"
  lists:
    - {{address: alles@lists.example.org, process: all, lang: nl}}
    - {{address: transit-en@lists.example.org, process: transit, lang: en}}
webhooks:
  - name: statuspage
    url: {receiver.url}{hook_path}
    format: statuspage
    lang: en
    secret_env: HOOK_SECRET
""",
        encoding="utf-8",
    )


def run(
    project: Path, environ: dict[str, str], capsys: pytest.CaptureFixture[str], **options: Any
) -> tuple[ExitStatus, str]:
    waits: list[float] = []
    code = notify(project, NotifyOptions(**options), sleep=waits.append, environ=environ)
    out = capsys.readouterr()
    return code, out.out + out.err + "".join(f"\nwaited {w}" for w in waits)


# -- the tests --------------------------------------------------------------------------------


def test_each_new_message_is_sent_once_and_a_rerun_sends_nothing(
    sites: tuple[Path, Path, Path],
    smtp: tuple[Inbox, dict[str, str]],
    receiver: Receiver,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    project, built, live = sites
    inbox, environ = smtp
    configure(project, receiver)
    new = sorted(set(update_ids(built)) - set(update_ids(live)))
    assert new, "the fixture has messages in the hour between the two builds"
    transit = [m for m in new if in_group(update_ids(built)[m], "process-transit")]

    code, out = run(project, environ, capsys, site=str(built), live=str(live))
    assert code == ExitStatus.OK, out

    to_all = [m for m in inbox.mails if m["To"] == "alles@lists.example.org"]
    to_transit = [m for m in inbox.mails if m["To"] == "transit-en@lists.example.org"]
    assert inbox.recipients == [[m["To"]] for m in inbox.mails]
    assert len(inbox.mails) == len(new) + len(transit)
    assert sorted(str(m["Message-ID"]).strip(" <").split(".")[0] for m in to_all) == new
    assert len(to_transit) == len(transit)
    hooks = [p for p in receiver.posts if p[0] == "/hook"]
    assert sorted(h[1]["X-Douane-Status-Message"] for h in hooks) == new
    for _, headers, body in hooks:
        expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
        assert headers["X-Douane-Status-Signature"] == expected
        payload = json.loads(body)
        assert set(payload) == {"meta", "page", "incident"}
        assert payload["meta"]["unsubscribe"] == SITE_URL + "/en/subscribe/"
        assert set(payload["page"]) == {"id", "status_indicator", "status_description"}
        update_id = headers["X-Douane-Status-Message"]
        assert payload["incident"]["id"] == update_ids(built, "en/api/v2")[update_id]["id"]
        assert payload["incident"]["incident_updates"][0]["id"] == update_id  # newest first
    pings = [p for p in receiver.posts if p[0] == "/hub"]
    assert pings, "the feeds with new entries are pinged"
    assert all(b"hub.mode=publish" in body for _, _, body in pings)
    feed = b"hub.mode=publish&hub.url=https%3A%2F%2Fstatus.example.org%2Ffeeds%2Fnl.atom.xml"
    assert feed in [p[2] for p in pings]

    # After the deploy the live site has the messages: the rerun finds nothing new.
    sent, posted = len(inbox.mails), len(receiver.posts)
    code, out = run(project, environ, capsys, site=str(built), live=str(built))
    assert code == ExitStatus.OK, out
    assert "0 new message(s), 0 changed feed(s)" in out
    assert (len(inbox.mails), len(receiver.posts)) == (sent, posted)


def test_a_mail_has_text_and_html_in_its_language_and_points_at_the_subscribe_page(
    sites: tuple[Path, Path, Path],
    smtp: tuple[Inbox, dict[str, str]],
    receiver: Receiver,
    capsys: pytest.CaptureFixture[str],
) -> None:
    project, built, live = sites
    inbox, environ = smtp
    configure(project, receiver)
    code, out = run(project, environ, capsys, site=str(built), live=str(live))
    assert code == ExitStatus.OK, out
    dutch = next(m for m in inbox.mails if m["To"] == "alles@lists.example.org")
    english = next(m for m in inbox.mails if m["To"] == "transit-en@lists.example.org")
    assert dutch["List-Unsubscribe"] == f"<{SITE_URL}/abonneren/>"
    assert english["List-Unsubscribe"] == f"<{SITE_URL}/en/subscribe/>"
    for mail, lang, words in ((dutch, "nl", "Lees dit bericht op de site"),
                              (english, "en", "Read this message on the site")):  # fmt: skip
        assert mail["Content-Language"] == lang
        text = mail.get_body(("plain",))
        html = mail.get_body(("html",))
        assert text is not None and html is not None
        assert words in text.get_content()
        assert "/#update-" in text.get_content()  # the message's own place on the event page
        assert "/#update-" in html.get_content()
        assert f'<html lang="{lang}">' in html.get_content()
        assert f"{SITE_URL}/" in html.get_content()


def test_a_failing_channel_is_named_the_others_deliver_and_resend_sends_it_again(
    sites: tuple[Path, Path, Path],
    smtp: tuple[Inbox, dict[str, str]],
    receiver: Receiver,
    capsys: pytest.CaptureFixture[str],
) -> None:
    project, built, live = sites
    inbox, environ = smtp
    configure(project, receiver, hook_path="/fail")
    new = sorted(set(update_ids(built)) - set(update_ids(live)))

    code, out = run(project, environ, capsys, site=str(built), live=str(live))
    assert code == ExitStatus.FINDINGS
    assert len([m for m in inbox.mails if m["To"] == "alles@lists.example.org"]) == len(new)
    for message_id in new:
        assert f"NOT delivered: {message_id} to webhook:statuspage" in out
    assert len([p for p in receiver.posts if p[0] == "/fail"]) == 4 * len(new)  # four attempts
    assert out.count("waited ") == 3 * len(new)
    assert "waited 1.0\nwaited 4.0\nwaited 16.0" in out
    assert "--resend-since" in out and "--channel webhook:statuspage" in out

    configure(project, receiver)  # the receiver works again
    since = min(
        update["created_at"]
        for incident in update_ids(built).values()
        for update in incident["incident_updates"]
        if update["id"] in new
    )
    mails = len(inbox.mails)
    code, out = run(
        project,
        environ,
        capsys,
        site=str(built),
        resend_since=since,
        channel=("webhook:statuspage",),
    )
    assert code == ExitStatus.OK, out
    assert sorted(p[1]["X-Douane-Status-Message"] for p in receiver.posts if p[0] == "/hook") == new
    assert len(inbox.mails) == mails  # only the channel named


def test_a_dry_run_sends_nothing_and_lists_what_it_would(
    sites: tuple[Path, Path, Path],
    smtp: tuple[Inbox, dict[str, str]],
    receiver: Receiver,
    capsys: pytest.CaptureFixture[str],
) -> None:
    project, built, live = sites
    inbox, environ = smtp
    configure(project, receiver)
    code, out = run(project, environ, capsys, site=str(built), live=str(live), dry_run=True)
    assert code == ExitStatus.OK
    assert "Would send" in out and "Would ping" in out
    assert inbox.mails == [] and receiver.posts == []


def test_an_unreadable_live_site_sends_nothing(
    sites: tuple[Path, Path, Path],
    smtp: tuple[Inbox, dict[str, str]],
    receiver: Receiver,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    project, built, _ = sites
    inbox, environ = smtp
    configure(project, receiver)
    code, out = run(project, environ, capsys, site=str(built), live=str(tmp_path / "empty"))
    assert code == ExitStatus.FINDINGS
    assert "api/v2/incidents.json is missing. Nothing was sent." in out
    assert inbox.mails == [] and receiver.posts == []


def test_save_live_reads_the_live_site_over_http_for_the_run_after_the_deploy(
    sites: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import functools

    project, built, live = sites
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(live))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.RequestHandlerClass.log_message = lambda *a: None  # type: ignore[method-assign]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        argv = [
            "notify",
            "--site",
            str(built),
            "--live",
            url,
            "--save-live",
            str(tmp_path / "copy"),
        ]
        code = cli.main(project, argv)
    finally:
        server.shutdown()
        server.server_close()
    assert code == ExitStatus.OK, capsys.readouterr()
    assert update_ids(tmp_path / "copy") == update_ids(live)
    feed = Path("feeds", "nl.atom.xml")
    assert (tmp_path / "copy" / feed).read_bytes() == (live / feed).read_bytes()


def test_the_feeds_name_the_hub_when_one_is_set(
    sites: tuple[Path, Path, Path], receiver: Receiver, fixture_site: Path
) -> None:
    _, built, _ = sites
    hub = f'link href="{receiver.url}/hub" rel="hub"/>'
    assert f"<{hub}" in (built / "feeds" / "nl.atom.xml").read_text()
    assert f"<atom:{hub}" in (built / "feeds" / "en.rss.xml").read_text()
    assert 'rel="hub"' not in (fixture_site / "feeds" / "nl.atom.xml").read_text()


def _lists(sender: str | None = "x@y.nl", **entry: str) -> dict[str, object]:
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
        (_hook(url=None), "give either url or url_env"),
        (_hook(url_env="X"), "give either url or url_env"),
        (_hook(format="irc"), "format must be one of"),
        (_hook(processes=["nope"]), "unknown process 'nope'"),
        (_hook(colour=1), "unknown name(s) colour"),
        ({"sms": []}, "unknown name(s) sms"),
    ],
)
def test_a_wrong_notifications_file_is_refused_with_what_is_wrong(data: object, says: str) -> None:
    with pytest.raises(ConfigError, match=None) as caught:
        notifications_from(data, PROCESSES)
    assert says in str(caught.value)


def test_a_right_notifications_file_is_read() -> None:
    read = notifications_from(
        {
            **_lists(process="transit", lang="en"),
            "webhooks": [
                {
                    "name": "slack",
                    "url_env": "SLACK_URL",
                    "lang": "nl",
                    "format": "slack",
                    "processes": ["import"],
                }
            ],
        },
        PROCESSES,
    )
    assert [(m.address, m.process, m.lang) for m in read.lists] == [("a@b.nl", "transit", "en")]
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


def test_slack_and_teams_hear_of_their_processes_in_their_language(
    sites: tuple[Path, Path, Path],
    smtp: tuple[Inbox, dict[str, str]],
    receiver: Receiver,
    capsys: pytest.CaptureFixture[str],
) -> None:
    project, built, live = sites
    _, environ = smtp
    (project / "content" / "notifications.yaml").write_text(
        f"""
webhooks:
  - {{name: slack, url: "{receiver.url}/slack", format: slack, lang: nl, processes: [transit]}}
  - {{name: teams, url_env: TEAMS_URL, format: teams, lang: en}}
""",
        encoding="utf-8",
    )
    environ = environ | {"TEAMS_URL": f"{receiver.url}/teams"}
    found = update_ids(built)
    new = sorted(set(found) - set(update_ids(live)))
    transit = sorted(m for m in new if in_group(found[m], "process-transit"))
    assert transit and transit != new, "the fixture's new hour has transit and other messages"

    code, out = run(project, environ, capsys, site=str(built), live=str(live))
    assert code == ExitStatus.OK, out
    slack = [p for p in receiver.posts if p[0] == "/slack"]
    teams = [p for p in receiver.posts if p[0] == "/teams"]
    assert sorted(p[1]["X-Douane-Status-Message"] for p in slack) == transit
    assert sorted(p[1]["X-Douane-Status-Message"] for p in teams) == new
    assert all("X-Douane-Status-Signature" not in p[1] for p in slack + teams)  # no secret set
    message = json.loads(slack[0][2])
    assert set(message) == {"text", "blocks"}
    assert message["blocks"][0]["text"]["type"] == "mrkdwn"
    assert f"<{SITE_URL}/status-berichten/" in message["blocks"][0]["text"]["text"]
    card = json.loads(teams[0][2])["attachments"][0]
    assert card["contentType"] == "application/vnd.microsoft.card.adaptive"
    assert card["content"]["type"] == "AdaptiveCard" and card["content"]["lang"] == "en"
    assert card["content"]["actions"][0]["title"] == "Open the message"
    assert card["content"]["actions"][0]["url"].startswith(f"{SITE_URL}/en/")


def test_a_webhook_that_fails_twice_is_retried_with_backoff_and_delivered(
    sites: tuple[Path, Path, Path],
    smtp: tuple[Inbox, dict[str, str]],
    receiver: Receiver,
    capsys: pytest.CaptureFixture[str],
) -> None:
    project, built, live = sites
    _, environ = smtp
    (project / "content" / "notifications.yaml").write_text(
        f"webhooks:\n  - {{name: flaky, url: '{receiver.url}/flaky', lang: nl}}\n",
        encoding="utf-8",
    )
    first = sorted(set(update_ids(built)) - set(update_ids(live)))[0]
    since = next(
        u["created_at"] for u in update_ids(built)[first]["incident_updates"] if u["id"] == first
    )
    code, out = run(project, environ, capsys, site=str(built), resend_since=since)
    assert code == ExitStatus.OK, out
    flaky = [p for p in receiver.posts if p[0] == "/flaky"]
    assert flaky[2][1]["X-Douane-Status-Message"] == flaky[0][1]["X-Douane-Status-Message"]
    assert out.split("waited ", 1)[1].split() == ["1.0", "waited", "4.0"]


def test_a_refused_smtp_login_fails_the_mails_and_not_the_webhooks(
    sites: tuple[Path, Path, Path],
    smtp: tuple[Inbox, dict[str, str]],
    receiver: Receiver,
    capsys: pytest.CaptureFixture[str],
) -> None:
    project, built, live = sites
    inbox, environ = smtp
    configure(project, receiver)
    new = sorted(set(update_ids(built)) - set(update_ids(live)))
    environ = environ | {"NOTIFY_SMTP_PASSWORD": "wrong"}
    code, out = run(project, environ, capsys, site=str(built), live=str(live))
    assert code == ExitStatus.FINDINGS
    assert inbox.mails == []
    for message_id in new:
        assert f"NOT delivered: {message_id} to email:alles@lists.example.org: SMTP" in out
    assert sorted(p[1]["X-Douane-Status-Message"] for p in receiver.posts if p[0] == "/hook") == new
    assert "--channel email:alles@lists.example.org --channel email:transit-en@" in out


@pytest.mark.parametrize(
    ("options", "says"),
    [
        ({}, "give either --live"),
        ({"live": "x", "resend_since": "2026-11-29T09:00"}, "give either --live"),
        ({"resend_since": "2026-11-29"}, "--resend-since '2026-11-29' is a date without a time"),
        ({"site": "nowhere", "live": "x"}, "--site nowhere: no built site there"),
        ({"save_live": "copy"}, "--save-live needs --live"),
        ({"live": "x", "channel": ("webhook:nobody",)}, "no channel webhook:nobody; known: "),
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
    sites: tuple[Path, Path, Path], receiver: Receiver, capsys: pytest.CaptureFixture[str]
) -> None:
    project, built, live = sites
    (project / "content" / "notifications.yaml").write_text(
        f"webhooks:\n  - {{name: a, url: '{receiver.url}/hook', lang: fr}}\n", encoding="utf-8"
    )
    code, out = run(project, {}, capsys, site=str(built), live=str(live))
    assert code == ExitStatus.USAGE
    assert "webhooks[0].lang must be one of nl, en" in out
    assert receiver.posts == []


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


def test_a_feed_has_changed_when_it_has_entries_the_live_one_lacks() -> None:
    from douane_status.notify.site_reader import Feed, Site, changed_feeds

    def site(**feeds: frozenset[str]) -> Site:
        return Site({}, {p: Feed(p, f"https://x/{p}", None, ids) for p, ids in feeds.items()}, {})

    built = site(a=frozenset({"1", "2"}), b=frozenset({"1"}), c=frozenset({"1"}))
    live = site(a=frozenset({"1"}), b=frozenset({"1", "0"}))
    assert [f.path for f in changed_feeds(built, live)] == ["a", "c"]


def test_invoke_notify_runs_as_an_operator_types_it(sites: tuple[Path, Path, Path]) -> None:
    from conftest import invoke

    project, built, live = sites
    (project / "content" / "notifications.yaml").write_text("webhooks: []\n", encoding="utf-8")
    result = invoke(project, "notify", "--site", str(built), "--live", str(live), "--dry-run")
    assert result.returncode == 0, result.stderr
    new = len(set(update_ids(built)) - set(update_ids(live)))
    assert f"{new} new message(s)" in result.stdout
    result = invoke(project, "notify", "--site", str(built))
    assert result.returncode == 2
    assert "give either --live" in result.stderr


def test_the_publish_workflow_reads_the_live_site_before_the_deploy_and_notifies_after_it() -> None:
    import yaml

    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "publish.yml").read_text())
    jobs = workflow["jobs"]
    build_steps = [str(step.get("run", "")) for step in jobs["build"]["steps"]]
    save = next(i for i, run in enumerate(build_steps) if "--save-live live-before" in run)
    assert "invoke build --publish" in " ".join(build_steps[:save]), "read after the build"
    saving = jobs["build"]["steps"][save]
    assert saving.get("continue-on-error") is True, "an unreadable live site stops no deploy"
    notify_job = jobs["notify"]
    assert notify_job["needs"] == "deploy"
    assert set(notify_job["permissions"].values()) == {"read"}
    runs = "\n".join(str(step.get("run", "")) for step in notify_job["steps"])
    assert 'invoke notify --site output --live "$live"' in runs
    assert "live=live-before" in runs and '"$RUN_ATTEMPT" != 1' in runs
