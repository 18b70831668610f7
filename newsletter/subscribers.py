"""Subscribers: addresses checked with email-validator, CSV files read into plain results.

The SQL lives in `state.py` (save_subscribers, list_subscribers, set_subscriber_status); this module
turns what an operator types or imports into clean (email, name) pairs and says what was wrong
with the rest.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from newsletter.errors import NewsletterError

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]+")


@dataclass(frozen=True)
class NewSubscriber:
    """A checked address (as email-validator normalised it) and a display name (one line, maybe empty)."""

    email: str
    name: str = ""


@dataclass(frozen=True)
class BadRow:
    """A row of an imported file that was not used, and why."""

    line: int
    value: str
    reason: str


@dataclass(frozen=True)
class ImportedFile:
    """What a CSV file held: the subscribers (duplicates merged, first seen first) and the rows skipped."""

    subscribers: tuple[NewSubscriber, ...]
    bad_rows: tuple[BadRow, ...]
    duplicates: int = 0  # rows that repeated an address of an earlier row


def clean_name(name: str) -> str:
    """A display name on one line: control characters (CR, LF, tabs …) become spaces, runs of spaces one."""
    return " ".join(_CONTROL.sub(" ", name or "").split())


def check_address(address: str) -> str:
    """The address as email-validator normalises it, in ASCII (no DNS look-up); NewsletterError if invalid.

    An internationalised domain is kept in its ASCII (punycode) form; a non-ASCII local part is
    refused, since it needs SMTPUTF8, which many servers lack.
    """
    from email_validator import EmailNotValidError, validate_email

    if _CONTROL.search(address):
        raise NewsletterError("The email address contains a line break or control character.")
    try:
        checked = validate_email(address.strip(), check_deliverability=False, allow_smtputf8=False)
    except EmailNotValidError as error:
        raise NewsletterError(str(error)) from None
    return checked.ascii_email or checked.normalized


def new_subscriber(address: str, name: str = "") -> NewSubscriber:
    """A checked subscriber from an address and a name (NewsletterError naming the address if it is invalid)."""
    try:
        email = check_address(address)
    except NewsletterError as error:
        raise NewsletterError(f"{address!r}: {error}") from None
    return NewSubscriber(email, clean_name(name))


def merge(people: Iterable[NewSubscriber]) -> tuple[list[NewSubscriber], int]:
    """One entry per address (case-insensitive), first seen first; a later non-empty name wins. (list, duplicates)."""
    merged: dict[str, NewSubscriber] = {}
    duplicates = 0
    for person in people:
        key = person.email.casefold()
        if key in merged:
            duplicates += 1
            if person.name:
                merged[key] = NewSubscriber(merged[key].email, person.name)
        else:
            merged[key] = person
    return list(merged.values()), duplicates


def parse_csv(text: str, source: str) -> ImportedFile:
    """Subscribers from CSV text with a header row naming `email` (and optionally `name`); bad rows reported by line."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise NewsletterError(f"{source}: empty file (expected a header row with 'email')") from None
    except csv.Error as error:
        raise NewsletterError(f"{source}:1: {error}") from None
    columns = [column.strip().lstrip("\ufeff").casefold() for column in header]
    if "email" not in columns:
        found = ", ".join(repr(c) for c in header) or "nothing"
        raise NewsletterError(f"{source}: the header row has no 'email' column (found: {found})")
    email_at = columns.index("email")
    name_at = columns.index("name") if "name" in columns else None
    people: list[NewSubscriber] = []
    bad: list[BadRow] = []
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            bad.append(BadRow(reader.line_num, "", f"unreadable row ({error})"))
            continue
        if not any(cell.strip() for cell in row):
            continue
        line = reader.line_num
        address = row[email_at] if email_at < len(row) else ""
        name = row[name_at] if name_at is not None and name_at < len(row) else ""
        if not address.strip():
            bad.append(BadRow(line, address, "no email address"))
            continue
        try:
            people.append(NewSubscriber(check_address(address), clean_name(name)))
        except NewsletterError as error:
            bad.append(BadRow(line, address, str(error)))
    merged, duplicates = merge(people)
    return ImportedFile(tuple(merged), tuple(bad), duplicates)


def read_csv(path: Path) -> ImportedFile:
    """Subscribers from a CSV file (UTF-8, with a header row); see parse_csv."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise NewsletterError(f"{path}: file not found") from None
    except UnicodeDecodeError:
        raise NewsletterError(f"{path}: not UTF-8 text") from None
    except OSError as error:
        raise NewsletterError(f"{path}: cannot read: {error.strerror or error}") from None
    return parse_csv(text, str(path))
