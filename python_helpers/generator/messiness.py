"""Turns clean values into the messy strings real source systems emit.

Every transformation is driven by a named rate (see ``config.RATE_DOCS``) and the
chunk's seeded RNG. Clean inputs are numpy arrays; outputs are numpy object arrays
(``None`` = empty field) or pyarrow string arrays for timestamps.
"""

from __future__ import annotations

import unicodedata

import numpy as np
import pyarrow as pa

from .pools import INVALID_PHONES, JUNK_EMAILS, JUNK_PHONES, NICKNAMES

PLACEHOLDER_DATES = ("1900-01-01", "1970-01-01")
Y2099_S = 4070908800  # 2099-01-01T00:00:00Z
YEAR_S = 365 * 86400


def phone_formats(country: str, nsn: str, variant: int, ext: int) -> str:
    """One of several national/international spellings of the same number."""
    if country == "US":
        a, b, c = nsn[:3], nsn[3:6], nsn[6:]
        forms = (f"({a}) {b}-{c}", f"{a}.{b}.{c}", f"+1-{a}-{b}-{c}", f"+1 {a} {b} {c}",
                 f"001 {a} {b} {c}", f"+1-{a}-{b}-{c} ext. {ext}", f"1{nsn}", f"+1{nsn}")
    elif country == "GB":
        a, b, c = nsn[:2], nsn[2:6], nsn[6:]
        forms = (f"+44 {a} {b} {c}", f"0044 {a} {b} {c}", f"0{a} {b} {c}", f"+44 (0){a} {b} {c}",
                 f"+44{nsn}", f"0{nsn}", f"(0{a}) {b} {c}", f"+44 {a} {b} {c}")
    elif country == "DE":
        a, b = nsn[:2], nsn[2:]
        forms = (f"+49 {a} {b}", f"+49 (0){a} {b}", f"0{a} {b}", f"0049 {a} {b}", f"0{a}/{b}",
                 f"+49{a} {b}", f"+49{nsn}", f"0{a}-{b}")
    elif country == "FR":
        p = [nsn[0], nsn[1:3], nsn[3:5], nsn[5:7], nsn[7:]]
        forms = ("+33 " + " ".join(p), "0" + " ".join(p), "0033 " + nsn, "0" + ".".join(p),
                 "+33" + nsn, "+33 (0)" + " ".join(p), "0" + nsn, "0" + "-".join(p))
    elif country == "SE":
        a, b, c, d = nsn[:2], nsn[2:5], nsn[5:7], nsn[7:]
        forms = (f"+46 {a} {b} {c} {d}", f"0{a}-{b} {c} {d}", f"0046 {a} {b}{c}{d}", f"+46{nsn}",
                 f"0{a} {b} {c} {d}", f"0{nsn}", f"+46 (0){a} {b} {c} {d}", f"0{a}-{b}{c}{d}")
    elif country == "NL":
        a, b = nsn[:1], nsn[1:]
        forms = (f"+31 {a} {b}", f"0{a}-{b}", f"0{a} {b[:4]} {b[4:]}", f"0031 {a} {b}", f"+31{nsn}",
                 f"0{nsn}", f"+31 (0){a} {b}", f"0{a} {b}")
    elif country == "ES":
        a, b, c = nsn[:3], nsn[3:6], nsn[6:]
        forms = (f"+34 {a} {b} {c}", f"{a} {b} {c}", f"0034 {nsn}", f"+34{nsn}", nsn,
                 f"{a} {b[:2]} {b[2:]}{c[:1]} {c[1:]}", f"+34-{a}-{b}-{c}", f"{a}.{b}.{c}")
    else:  # IT
        a, b, c = nsn[:3], nsn[3:6], nsn[6:]
        forms = (f"+39 {a} {b} {c}", f"{a} {b}{c}", f"0039 {nsn}", f"+39{nsn}", nsn,
                 f"+39 {a} {b}{c}", f"{a}/{b}{c}", f"({a}) {b} {c}")
    return forms[variant % len(forms)]


def one_char_typo(s: str, r: int) -> str:
    """A deterministic one-edit typo chosen by integer ``r``."""
    if len(s) < 3:
        return s + "x"
    pos = 1 + r % (len(s) - 2)
    kind = (r // 7) % 3
    if kind == 0:  # swap adjacent
        if s[pos] == s[pos + 1]:
            return s[:pos] + s[pos + 1:]
        return s[:pos] + s[pos + 1] + s[pos] + s[pos + 2:]
    if kind == 1:  # drop
        return s[:pos] + s[pos + 1:]
    return s[:pos] + s[pos] + s[pos:]  # double


def to_fullwidth(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else ("\u3000" if c == " " else c)
                   for c in s)


def has_composable_accent(s: str) -> bool:
    return unicodedata.normalize("NFD", s) != s


class Mess:
    """Applies the messiness knobs with one seeded RNG."""

    def __init__(self, rng: np.random.Generator, rates: dict[str, float]) -> None:
        self.rng = rng
        self.rates = rates

    # -- identifiers -------------------------------------------------------------
    def _kind(self, n: int, invalid_rate: float, allow_missing: bool) -> np.ndarray:
        """0 real, 1 missing, 2 junk, 3 invalid."""
        u = self.rng.random(n)
        r = self.rates
        m = r["missing_field"] if allow_missing else 0.0
        kind = np.zeros(n, dtype=np.int8)
        kind[u < m] = 1
        kind[(u >= m) & (u < m + r["junk_identifier"])] = 2
        lo = m + r["junk_identifier"]
        kind[(u >= lo) & (u < lo + invalid_rate)] = 3
        return kind

    def emails(self, canon: np.ndarray, allow_missing: bool = True,
               allow_junk: bool = True) -> np.ndarray:
        """Emit canonical lowercase emails with aliases, case, junk, invalid and missing values."""
        n = len(canon)
        out = canon.astype(object, copy=True)
        rng = self.rng
        kind = self._kind(n, self.rates["invalid_email"], allow_missing) if allow_junk else \
            np.where(rng.random(n) < (self.rates["missing_field"] if allow_missing else 0), 1, 0)
        alias = rng.random(n) < self.rates["email_alias"]
        case = rng.random(n) < self.rates["email_case_whitespace"]
        r_int = rng.integers(0, 1 << 30, n)
        for i in np.flatnonzero(alias & (kind == 0)):
            out[i] = make_alias(out[i], int(r_int[i]))
        for i in np.flatnonzero(case & (kind == 0)):
            out[i] = mess_case(out[i], int(r_int[i]))
        for i in np.flatnonzero(kind == 3):
            e = out[i]
            local, _, dom = e.partition("@")
            out[i] = (local + "@") if r_int[i] % 2 else (local + "." + dom)
        junk_idx = np.flatnonzero(kind == 2)
        for i in junk_idx:
            out[i] = JUNK_EMAILS[int(r_int[i]) % len(JUNK_EMAILS)]
        out[kind == 1] = None
        return out

    def phones(self, countries: np.ndarray, nsns: np.ndarray,
               allow_missing: bool = True) -> np.ndarray:
        """Emit phones (same number, many spellings); rows with empty nsn stay empty."""
        n = len(nsns)
        rng = self.rng
        kind = self._kind(n, self.rates["invalid_phone"], allow_missing)
        variant = rng.integers(0, 8, n)
        ext = rng.integers(10, 99, n)
        r_int = rng.integers(0, 1 << 30, n)
        out = np.empty(n, dtype=object)
        for i in range(n):
            nsn = nsns[i]
            if not nsn:
                continue
            k = kind[i]
            if k == 0:
                out[i] = phone_formats(countries[i], nsn, int(variant[i]), int(ext[i]))
            elif k == 2:
                out[i] = JUNK_PHONES[int(r_int[i]) % len(JUNK_PHONES)]
            elif k == 3:
                out[i] = INVALID_PHONES[int(r_int[i]) % len(INVALID_PHONES)]
        return out

    def maybe_missing(self, values: np.ndarray) -> np.ndarray:
        out = values.astype(object, copy=True)
        out[self.rng.random(len(values)) < self.rates["missing_field"]] = None
        return out

    # -- names -------------------------------------------------------------------
    def names(self, first: np.ndarray, last: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Nicknames, typos, swaps, NFD and full-width renderings of (first, last)."""
        n = len(first)
        rng, r = self.rng, self.rates
        f = first.astype(object, copy=True)
        la = last.astype(object, copy=True)
        u_nick = rng.random(n)
        u_typo = rng.random(n)
        u_swap = rng.random(n)
        u_nfd = rng.random(n)
        u_fw = rng.random(n)
        r_int = rng.integers(0, 1 << 30, n)
        for i in range(n):
            fi, li = f[i], la[i]
            nick = NICKNAMES.get(fi)
            if nick is not None and u_nick[i] < r["nickname"]:
                fi = nick[int(r_int[i]) % len(nick)]
            if u_typo[i] < r["name_typo"]:
                if r_int[i] % 2:
                    fi = one_char_typo(fi, int(r_int[i]) >> 1)
                else:
                    li = one_char_typo(li, int(r_int[i]) >> 1)
            if u_nfd[i] < r["name_nfd"]:
                fi = unicodedata.normalize("NFD", fi)
                li = unicodedata.normalize("NFD", li)
            if u_fw[i] < r["name_fullwidth"]:
                fi, li = to_fullwidth(fi), to_fullwidth(li)
            if u_swap[i] < r["name_swap"]:
                fi, li = li, fi
            f[i], la[i] = fi, li
        return f, la

    # -- timestamps --------------------------------------------------------------
    def timestamps(self, secs: np.ndarray, allow_future: bool = False,
                   offset_hours: np.ndarray | None = None) -> pa.Array:
        """ISO-8601 strings: mostly `...Z`, some naive, some with a local offset."""
        n = len(secs)
        rng, r = self.rng, self.rates
        secs = np.asarray(secs, dtype=np.int64).copy()
        if allow_future:
            fut = rng.random(n) < r["future_timestamp"]
            secs[fut] = Y2099_S + secs[fut] % YEAR_S
        u = rng.random(n)
        naive = u < r["naive_timestamp"]
        offset = (u >= r["naive_timestamp"]) & (u < r["naive_timestamp"] + r["offset_timestamp"])
        if offset_hours is None:
            offset_hours = np.where(rng.random(n) < 0.5, 1, 2)
        local = secs + np.where(offset, offset_hours * 3600, 0)
        kind = np.where(naive, 1, np.where(offset, 2, 0))
        return format_iso(local, kind, offset_hours)


def format_iso(secs: np.ndarray, kind: np.ndarray, offset_hours: np.ndarray) -> pa.Array:
    """Vectorized ISO-8601 formatting straight into an Arrow string buffer.

    kind 0: ``YYYY-MM-DDTHH:MM:SSZ``; 1: ``YYYY-MM-DD HH:MM:SS``; 2: ``...THH:MM:SS+HH:00``
    (``secs`` already shifted to local time for kind 2).
    """
    n = len(secs)
    days, sod = np.divmod(secs, 86400)
    z = days + 719468  # civil-from-days (H. Hinnant)
    era = np.floor_divide(z, 146097)
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = np.where(mp < 10, mp + 3, mp - 9)
    year = yoe + era * 400 + (month <= 2)
    hh, rem = np.divmod(sod, 3600)
    mi, ss = np.divmod(rem, 60)
    buf = np.zeros((n, 25), dtype=np.uint8)
    zero = ord("0")
    for col, (val, width) in zip((0, 5, 8, 11, 14, 17),
                                 ((year, 4), (month, 2), (day, 2), (hh, 2), (mi, 2), (ss, 2)),
                                 strict=True):
        for k in range(width):
            buf[:, col + width - 1 - k] = zero + (val // 10**k) % 10
    buf[:, 4] = buf[:, 7] = ord("-")
    buf[:, 13] = buf[:, 16] = ord(":")
    buf[:, 10] = np.where(kind == 1, ord(" "), ord("T"))
    buf[:, 19] = np.where(kind == 0, ord("Z"), 0)
    off = kind == 2
    oh = np.abs(offset_hours) if np.ndim(offset_hours) else np.full(n, abs(offset_hours))
    sign = np.where(np.asarray(offset_hours) < 0, ord("-"), ord("+"))
    buf[off, 19] = np.broadcast_to(sign, (n,))[off]
    buf[off, 20] = zero + oh[off] // 10
    buf[off, 21] = zero + oh[off] % 10
    buf[off, 22] = ord(":")
    buf[off, 23] = buf[off, 24] = zero
    length = np.where(kind == 0, 20, np.where(kind == 1, 19, 25))
    data = buf[np.arange(25)[None, :] < length[:, None]]
    offsets = np.zeros(n + 1, dtype=np.int32)
    np.cumsum(length, out=offsets[1:])
    return pa.StringArray.from_buffers(n, pa.py_buffer(offsets), pa.py_buffer(data.tobytes()))


def make_alias(email: str, r: int) -> str:
    local, _, dom = email.partition("@")
    if dom == "gmail.com" and r % 2 and len(local) > 2:
        pos = 1 + (r >> 1) % (len(local) - 1)
        if local[pos - 1] == "." or local[pos] == ".":
            return f"{local}+{('shop', 'news', 'promo', 'x')[r % 4]}@{dom}"
        return f"{local[:pos]}.{local[pos:]}@{dom}"
    tag = ("shop", "news", "promo", "orders", "2024", "deals")[(r >> 2) % 6]
    return f"{local}+{tag}@{dom}"


def mess_case(email: str, r: int) -> str:
    k = r % 4
    if k == 0:
        e = email.upper()
    elif k == 1:
        e = email[:1].upper() + email[1:]
    else:
        local, _, dom = email.partition("@")
        e = local.title().replace(".", ".") + "@" + dom.capitalize()
    if e == email:
        e = email.upper()
    ws = (r >> 3) % 3
    if ws == 1:
        e = " " + e
    elif ws == 2:
        e = e + "  "
    return e


def deletter_email(email: str, r: int) -> str:
    """One character off in the local part (a typed-by-hand typo)."""
    local, _, dom = email.partition("@")
    return one_char_typo(local, r) + "@" + dom
