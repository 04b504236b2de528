"""Deliver: email the edition's PDF to readers over SMTP (optional, off by default).

A message people want to open: the briefing's title and edition date as subject, a short body
with the key findings and what changed, the PDF named after title and date, Date and Message-ID
headers, and several recipients in Bcc (none sees the others).
"""

from __future__ import annotations

import re
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from .models import EditionPlan
from .settings import Settings


class DeliveryError(Exception):
    """The message could not be delivered; the text is one line for the operator."""


def attachment_name(title: str, plan: EditionPlan) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", title).strip("-").lower()[:60] or "briefing"
    return f"{slug}-{plan.created.date().isoformat()}.pdf"


def build_message(edition: Path, settings: Settings, plan: EditionPlan, body: str,
                  pdfs: list[tuple[str, str]] | None = None) -> EmailMessage:
    """The message: subject from the first briefing's title; one attachment per briefing PDF
    (``pdfs``: (file in the edition, title); default the edition's briefing.pdf)."""
    pdfs = pdfs or [("briefing.pdf", settings.title or "Briefing")]
    sender = settings.smtp_sender or "briefing@localhost"
    msg = EmailMessage()
    msg["Subject"] = f"{pdfs[0][1]} — edition of {plan.created.date().isoformat()}"
    msg["From"] = sender
    several = len(settings.smtp_recipients) > 1 and settings.smtp_bcc
    msg["To"] = "undisclosed-recipients:;" if several else ", ".join(settings.smtp_recipients)
    msg["Date"] = format_datetime(plan.created)
    msg["Message-ID"] = make_msgid(idstring=plan.edition, domain=sender.rpartition("@")[2] or "localhost")
    msg.set_content(body)
    for name, title in pdfs:
        msg.add_attachment((edition / name).read_bytes(), maintype="application", subtype="pdf",
                           filename=attachment_name(title, plan))
    return msg


def password(settings: Settings) -> str | None:
    if settings.smtp_password_file:
        try:
            return Path(settings.smtp_password_file).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise DeliveryError(f"cannot read the SMTP password file {settings.smtp_password_file}: {exc.strerror}") from None
    return settings.smtp_password.get_secret_value() if settings.smtp_password else None


def send_edition(edition: Path, settings: Settings, plan: EditionPlan, body: str, pdfs: list[tuple[str, str]] | None = None,
                 timeout: float = 30.0) -> list[str]:
    """Send the PDF to every recipient; returns the recipients. Raises DeliveryError on failure."""
    if not (settings.smtp_host and settings.smtp_recipients):
        return []
    msg = build_message(Path(edition), settings, plan, body, pdfs)
    context = ssl.create_default_context()
    where = f"{settings.smtp_host}:{settings.smtp_port}"
    try:
        cls = smtplib.SMTP_SSL if settings.smtp_security == "ssl" else smtplib.SMTP
        kwargs = {"context": context} if settings.smtp_security == "ssl" else {}
        with cls(settings.smtp_host, settings.smtp_port, timeout=timeout, **kwargs) as smtp:
            if settings.smtp_security == "starttls":
                try:
                    smtp.starttls(context=context)
                except smtplib.SMTPNotSupportedError:
                    raise DeliveryError(f"the mail server {where} does not offer STARTTLS; for a relay without "
                                        "TLS set BRIEFING_SMTP_SECURITY=none") from None
            secret = password(settings)
            if settings.smtp_user and secret:
                smtp.login(settings.smtp_user, secret)
            smtp.send_message(msg, to_addrs=list(settings.smtp_recipients))
    except DeliveryError:
        raise
    except (OSError, smtplib.SMTPException) as exc:
        raise DeliveryError(f"mail to {where} failed: {type(exc).__name__}: {exc}".splitlines()[0]) from None
    return list(settings.smtp_recipients)
