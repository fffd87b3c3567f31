"""Generator settings: messiness rates (the knobs), date range, chunking constants."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

# name -> (default rate, what it is a share of). docs/generator.md lists the same table.
RATE_DOCS: dict[str, tuple[float, str]] = {
    "email_case_whitespace": (0.10, "real email values written with mixed case and/or surrounding whitespace"),
    "email_alias": (0.06, "real email values written as an alias (gmail dots or +tag)"),
    "multi_email": (0.15, "persons with a shop account who also use a second email (personal or work)"),
    "name_typo": (0.03, "name-bearing records (shop/crm) with a one-character typo in a name"),
    "nickname": (0.30, "first names that have a known nickname and are written as the nickname"),
    "name_swap": (0.02, "name-bearing records (shop/crm) with first and last name swapped"),
    "name_nfd": (0.30, "names with precomposed accents written decomposed (NFD)"),
    "name_fullwidth": (0.01, "name-bearing records (shop/crm) with names in full-width characters"),
    "non_latin_name": (0.03, "persons whose name is in a non-Latin script (Cyrillic, Greek, CJK)"),
    "missing_field": (0.05, "optional field values left empty"),
    "placeholder_birth_date": (0.03, "CRM birth dates replaced by 1900-01-01 or 1970-01-01"),
    "future_timestamp": (0.003, "event timestamps (web/app/email/social) moved to the year 2099"),
    "naive_timestamp": (0.10, "timestamps written without zone (`2025-03-04 10:11:12`, meaning UTC)"),
    "offset_timestamp": (0.05, "timestamps written in local time with an offset (`+02:00`)"),
    "duplicate_event": (0.02, "web/app/email events delivered twice (identical row)"),
    "late_arrival": (0.03, "web events whose received_at is 1-10 days after event_at"),
    "cancelled": (0.03, "orders with status cancelled"),
    "refund_full": (0.05, "orders with status refunded (refunded_amount = total)"),
    "refund_partial": (0.04, "orders with status partially_refunded"),
    "currency_messy": (0.01, "orders with a lowercase (half) or unknown (half) currency code"),
    "junk_identifier": (0.02, "email/phone values replaced by junk (test@test.com, 0000000000, n/a, ...)"),
    "invalid_email": (0.005, "email values that are malformed (`john.doe@`, no @)"),
    "invalid_phone": (0.005, "phone values that are invalid (`12`, `123-45`)"),
    "household": (0.05, "known persons (not small_business_owner or fitness_app_user) in a 2-4 "
                        "person household sharing one email, phone and address"),
    "business_mailbox": (0.40, "small_business_owner persons who share an info@company mailbox"),
    "guest_typo_email": (0.05, "account buyers with a guest order whose email is one character off"),
    "crm_name_address_only": (0.03, "account persons with an extra CRM contact lacking email and phone"),
}
DEFAULT_RATES: dict[str, float] = {name: v[0] for name, v in RATE_DOCS.items()}

DEFAULT_START = dt.date(2024, 1, 1)
DEFAULT_END = dt.date(2025, 12, 31)

# persons per chunk; fixed so output never depends on machine or memory
CHUNK_SIZE = 25_000

REPO_ROOT = Path(__file__).resolve().parents[2]
FX_PATH = REPO_ROOT / "seeds" / "fx_rates.csv"

PERSONAS: tuple[str, ...] = ("none", "fitness_app_user", "sustainable_fashion_shopper",
                             "small_business_owner")
PERSONA_SHARE = 0.08

# role codes
ACCOUNT, GUEST, PROSPECT, ANONYMOUS = 0, 1, 2, 3
ROLE_NAMES: tuple[str, ...] = ("account_buyer", "guest_buyer", "prospect", "anonymous_visitor")
ROLE_SHARES: tuple[float, ...] = (0.60, 0.10, 0.15, 0.15)


@dataclass(frozen=True)
class GenConfig:
    customers: int
    seed: int
    start: dt.date = DEFAULT_START
    end: dt.date = DEFAULT_END
    rates: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_RATES))
    progress: bool = True

    @property
    def start_s(self) -> int:
        return int(dt.datetime(self.start.year, self.start.month, self.start.day,
                               tzinfo=dt.UTC).timestamp())

    @property
    def end_s(self) -> int:
        """Last second of the end date (inclusive)."""
        e = self.end + dt.timedelta(days=1)
        return int(dt.datetime(e.year, e.month, e.day, tzinfo=dt.UTC).timestamp()) - 1


def parse_rates(items: list[str] | None) -> dict[str, float]:
    """Turn ``["name=0.1", ...]`` into a full rate dict; unknown names raise ValueError."""
    rates = dict(DEFAULT_RATES)
    for item in items or []:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or name not in rates:
            raise ValueError(f"unknown rate {item!r}; known: {', '.join(rates)}")
        v = float(value)
        if not 0.0 <= v <= 1.0:
            raise ValueError(f"rate {name} must be within 0..1, got {v}")
        rates[name] = v
    return rates
