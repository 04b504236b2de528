"""Deliver: email the edition's PDF to readers over SMTP (optional, off by default)."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from pathlib import Path

from .settings import Settings


def build_message(edition: Path, settings: Settings) -> EmailMessage:
    msg = EmailMessage()
    msg["Subject"] = f"{settings.title}: edition {edition.name}"
    msg["From"] = settings.smtp_sender or "briefing@localhost"
    msg["To"] = ", ".join(settings.smtp_recipients)
    msg.set_content(f"The new edition of the briefing \"{settings.title}\" is attached ({edition.name}).\n")
    msg.add_attachment((edition / "briefing.pdf").read_bytes(), maintype="application", subtype="pdf",
                       filename="briefing.pdf")
    return msg


def send_edition(edition: Path, settings: Settings, timeout: float = 30.0) -> list[str]:
    """Send the PDF to every recipient; returns the recipients. Raises OSError/SMTPException on failure."""
    if not (settings.smtp_host and settings.smtp_recipients):
        return []
    msg = build_message(Path(edition), settings)
    context = ssl.create_default_context()
    cls = smtplib.SMTP_SSL if settings.smtp_security == "ssl" else smtplib.SMTP
    kwargs = {"context": context} if settings.smtp_security == "ssl" else {}
    with cls(settings.smtp_host, settings.smtp_port, timeout=timeout, **kwargs) as smtp:
        if settings.smtp_security == "starttls":
            smtp.starttls(context=context)
        if settings.smtp_user and settings.smtp_password:
            smtp.login(settings.smtp_user, settings.smtp_password.get_secret_value())
        smtp.send_message(msg)
    return list(settings.smtp_recipients)
