"""Delivery to readers over SMTP, against a real SMTP server on loopback (aiosmtpd)."""

import email
import json
import socket

import pytest

from conftest import SEEDS
from flows.settings import load_settings


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.messages.append((envelope.rcpt_tos, email.message_from_bytes(envelope.content)))
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
    assert result.published
    (rcpts, msg), = inbox.messages
    assert rcpts == ["a@example.org", "b@example.org"]
    attachment = next(p for p in msg.walk() if p.get_filename() == "briefing.pdf")
    sent = attachment.get_payload(decode=True)
    assert sent == (tmp_path / "out" / "latest" / "briefing.pdf").read_bytes()


def test_failed_delivery_keeps_the_edition(prefect_harness, tmp_path, monkeypatch):
    from flows import pipeline

    monkeypatch.setattr(pipeline.deliver_task, "retry_delay_seconds", [0, 0, 0])
    settings = load_settings(corpus=SEEDS, output=tmp_path / "out", smtp_host="127.0.0.1", smtp_port=free_port(),
                             smtp_security="none", smtp_recipients=["a@example.org"])
    result = pipeline.build_briefing(settings)
    assert result.published
    latest = tmp_path / "out" / "latest"
    assert json.loads((latest / "manifest.json").read_text())["edition"] == latest.resolve().name
    assert (latest / "briefing.pdf").read_bytes().startswith(b"%PDF")
