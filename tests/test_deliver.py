"""Delivery to readers over SMTP, against a real SMTP server on loopback (aiosmtpd)."""

import email
import email.policy
import json
import socket

import pytest

from conftest import SEEDS
from flows.settings import load_settings


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.messages.append((envelope.rcpt_tos, email.message_from_bytes(envelope.content, policy=email.policy.default)))
        return "250 OK"


@pytest.fixture()
def smtp_server():
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield port, inbox
    controller.stop()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_edition_pdf_reaches_the_recipients(prefect_harness, tmp_path, smtp_server):
    from flows.pipeline import build_briefing

    port, inbox = smtp_server
    settings = load_settings(corpus=SEEDS, output=tmp_path / "out", smtp_host="127.0.0.1", smtp_port=port,
                             smtp_security="none", smtp_sender="briefing@example.org",
                             smtp_recipients=["a@example.org", "b@example.org"])
    result = build_briefing(settings)
    assert result.published and result.delivery == "sent"
    (rcpts, msg), = inbox.messages
    assert rcpts == ["a@example.org", "b@example.org"]
    manifest = json.loads((tmp_path / "out" / "latest" / "manifest.json").read_text())
    day = manifest["created"][:10]
    assert msg["Subject"] == f"Japan's security outlook — edition of {day}"
    assert msg["To"] == "undisclosed-recipients:;" and "a@example.org" not in str(msg)  # Bcc: nobody sees the others
    assert msg["Date"] and msg["Message-ID"].endswith("@example.org>")
    body = next(p for p in msg.walk() if p.get_content_type() == "text/plain").get_content()
    assert "Key findings:" in body and "1. 5 sources dated 2017–2022" in body and "This is the first edition." in body
    attachment = next(p for p in msg.walk() if p.get_filename() == f"japan-s-security-outlook-{day}.pdf")
    sent = attachment.get_payload(decode=True)
    assert sent == (tmp_path / "out" / "latest" / "briefing.pdf").read_bytes()


def test_failed_delivery_keeps_the_edition(prefect_harness, tmp_path, monkeypatch):
    from flows import pipeline

    settings = load_settings(corpus=SEEDS, output=tmp_path / "out", smtp_host="127.0.0.1", smtp_port=free_port(),
                             smtp_security="none", smtp_recipients=["a@example.org"], delivery_retries=0)
    result = pipeline.build_briefing(settings)
    assert result.published and result.delivery.startswith("failed: mail to 127.0.0.1")
    latest = tmp_path / "out" / "latest"
    assert json.loads((latest / "manifest.json").read_text())["edition"] == latest.resolve().name
    assert (latest / "briefing.pdf").read_bytes().startswith(b"%PDF")


def test_starttls_against_a_plain_relay_is_one_clear_line(tmp_path, smtp_server):
    from conftest import plan
    from flows.deliver import DeliveryError, send_edition

    port, _ = smtp_server
    (tmp_path / "briefing.pdf").write_bytes(b"%PDF-1.7 test")
    settings = load_settings(smtp_host="127.0.0.1", smtp_port=port, smtp_security="starttls", smtp_recipients=["a@example.org"])
    with pytest.raises(DeliveryError, match="does not offer STARTTLS; for a relay without TLS set BRIEFING_SMTP_SECURITY=none"):
        send_edition(tmp_path, settings, plan(), "body")


def test_one_recipient_is_addressed_and_a_password_file_is_read(tmp_path, smtp_server):
    from conftest import plan
    from flows.deliver import build_message, password

    (tmp_path / "briefing.pdf").write_bytes(b"%PDF-1.7 test")
    (tmp_path / "pw").write_text("s3cret\n")
    settings = load_settings(smtp_recipients=["a@example.org"], smtp_password_file=tmp_path / "pw")
    assert build_message(tmp_path, settings, plan(), "body")["To"] == "a@example.org"
    assert password(settings) == "s3cret"


def test_every_briefing_of_a_multi_focus_edition_is_attached_under_its_title(tmp_path):
    from conftest import plan
    from flows.deliver import build_message

    (tmp_path / "briefing.pdf").write_bytes(b"%PDF-1.7 first")
    (tmp_path / "briefing-romania.pdf").write_bytes(b"%PDF-1.7 second")
    msg = build_message(tmp_path, load_settings(smtp_recipients=["a@example.org"]), plan("2026-03-04T05:06:07Z"), "body",
                        [("briefing.pdf", "Moldova's security outlook"), ("briefing-romania.pdf", "Romania's security outlook")])
    assert msg["Subject"] == "Moldova's security outlook — edition of 2026-03-04"
    assert [(a.get_filename(), a.get_content()) for a in msg.iter_attachments()] == [
        ("moldova-s-security-outlook-2026-03-04.pdf", b"%PDF-1.7 first"),
        ("romania-s-security-outlook-2026-03-04.pdf", b"%PDF-1.7 second")]
