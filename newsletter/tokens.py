"""Unsubscribe tokens: HMAC-SHA256 over the list id, the subscriber's id and address, keyed by NEWSLETTER_SECRET.

A token is `ID.SIGNATURE` (SIGNATURE: the first 16 bytes of the HMAC, base64url without padding).
It names the subscriber it was made for, so the server can look the address up, and it is valid
only for that subscriber's address on that list: a token changed in any way, made with another
secret, or moved to another subscriber (another id or another address) does not verify.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from collections.abc import Mapping

from newsletter.errors import NewsletterError

SECRET_ENV = "NEWSLETTER_SECRET"
MIN_SECRET_LENGTH = 16
_SIGNATURE_BYTES = 16
_TOKEN = re.compile(r"([1-9][0-9]{0,17})\.([A-Za-z0-9_-]{22})")


def secret_from(environ: Mapping[str, str]) -> bytes:
    """The signing secret from NEWSLETTER_SECRET; a one-line NewsletterError if it is missing or short."""
    value = environ.get(SECRET_ENV, "")
    if not value:
        raise NewsletterError(f"{SECRET_ENV} is not set: it signs the unsubscribe links "
                              f"(use a random string of at least {MIN_SECRET_LENGTH} characters)")
    if len(value) < MIN_SECRET_LENGTH:
        raise NewsletterError(f"{SECRET_ENV} is too short ({len(value)} characters; use at least "
                              f"{MIN_SECRET_LENGTH} random ones)")
    return value.encode("utf-8")


def _signature(secret: bytes, list_id: str, subscriber_id: int, email: str) -> str:
    message = "\0".join(("unsubscribe-v1", list_id.casefold(), str(subscriber_id), email.casefold()))
    digest = hmac.new(secret, message.encode("utf-8"), hashlib.sha256).digest()[:_SIGNATURE_BYTES]
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def make_token(secret: bytes, list_id: str, subscriber_id: int, email: str) -> str:
    """The unsubscribe token of one subscriber of one list."""
    return f"{subscriber_id}.{_signature(secret, list_id, subscriber_id, email)}"


def token_subscriber(token: str) -> int | None:
    """The subscriber id a well-formed token names (not yet verified), or None for a malformed token."""
    match = _TOKEN.fullmatch(token or "")
    return int(match.group(1)) if match else None


def verify_token(secret: bytes, list_id: str, subscriber_id: int, email: str, token: str) -> bool:
    """True only if token was made with this secret for this subscriber id and address on this list."""
    match = _TOKEN.fullmatch(token or "")
    if not match or int(match.group(1)) != subscriber_id:
        return False
    expected = _signature(secret, list_id, subscriber_id, email)
    return hmac.compare_digest(expected.encode("ascii"), match.group(2).encode("ascii"))
