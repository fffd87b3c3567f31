"""Linkability flags for truth_records.csv, derived from the identifier values written.

Never touches the RNG and never changes a raw column: it only reads the columns each source
module produced (after messiness, shuffling and duplicate deliveries) plus the hidden person
attributes the generator knows by construction. The rules are documented in docs/generator.md,
section "Linkability".
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .people import People
from .pools import INVALID_PHONES, JUNK_EMAILS, JUNK_PHONES

EVIDENCE = ("exact", "fuzzy_only", "none")
REASONS = ("shared_contact", "never_identified_visitor", "never_signed_in_device",
           "handle_without_email", "junk_or_invalid_only", "sole_record", "isolated_identifier")

_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_JUNK_EMAILS = frozenset(JUNK_EMAILS)
_BAD_PHONE_SET = pa.array(sorted(set(JUNK_PHONES) | set(INVALID_PHONES)), pa.string())


def canonical_email(value: str | None) -> str | None:
    """Exact-match key of a written email, or None for empty/junk/malformed values.

    trim + lowercase, drop a ``+tag`` from the local part, drop dots in gmail.com local parts.
    """
    if value is None:
        return None
    s = value.strip().lower()
    if s in _JUNK_EMAILS or not _EMAIL_RE.match(s):
        return None
    local, _, dom = s.partition("@")
    local = local.split("+", 1)[0]
    if dom == "gmail.com":
        local = local.replace(".", "")
    return f"{local}@{dom}" if local else None


def _encode(arr: pa.Array) -> tuple[np.ndarray, list]:
    """Dictionary-encode a string column: (index per row, -1 = null; distinct values)."""
    enc = pc.dictionary_encode(arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr)
    idx = enc.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
    return idx, enc.dictionary.to_pylist()


def _tokens(arr: pa.Array, g: np.ndarray, canon) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (record, token) pairs of one identifier column; canon(value) -> token | None."""
    idx, values = _encode(arr)
    toks = np.array([canon(v) for v in values] + [None], dtype=object)  # [-1] -> None
    ok = np.array([t is not None for t in toks], dtype=bool)[idx]
    if not ok.any():
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=object)
    a, b = _distinct_pairs(g[ok], idx[ok])
    return a, toks[b]


def _distinct_pairs(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (a, b) pairs of two non-negative int arrays."""
    width = int(b.max()) + 1 if len(b) else 1
    key = pd.unique(a.astype(np.int64) * width + b)
    return key // width, key % width


def _email_token(v: str | None) -> str | None:
    c = canonical_email(v)
    return None if c is None else "e:" + c


def _cid_token(v: str | None) -> str | None:
    return None if v is None or v.strip() == "" else "c:" + v.strip()


class LinkTracker:
    """Collects, per truth record, the exact identifiers it carries; then derives the flags."""

    def __init__(self, pp: People) -> None:
        self.pp = pp
        self.n = 0
        self.sources: list[tuple[str, int]] = []
        self.person: list[np.ndarray] = []
        self.unit: list[np.ndarray] = []
        self.named: list[np.ndarray] = []
        self.fallback: list[np.ndarray] = []
        self.occ_rec: list[np.ndarray] = []
        self.occ_tok: list[np.ndarray] = []

    def add(self, source: str, person: np.ndarray, *, rows: np.ndarray | None = None,
            emails: tuple[pa.Array, ...] = (), phones: tuple[pa.Array, ...] = (),
            cids: tuple[pa.Array, ...] = (), unit_key: pa.Array | None = None,
            named: np.ndarray | None = None, fallback: np.ndarray | None = None) -> None:
        """One source's records (``person`` = person index per record, in truth order).

        ``rows`` maps each written row to its record (default: row i is record i). Identifier
        columns are the raw written arrays, one value per row. ``unit_key`` (one per row)
        groups records that share a source-local key (social handle); ``fallback`` is the
        source-specific reason used when a record has no link evidence.
        """
        person = np.asarray(person, dtype=np.int64)
        m = len(person)
        rows = np.arange(m) if rows is None else np.asarray(rows, dtype=np.int64)
        g = self.n + rows
        for col in emails:
            self._occ(*_tokens(col, g, _email_token))
        for col in cids:
            self._occ(*_tokens(col, g, _cid_token))
        for col in phones:  # a real spelling of the person's number -> country + national number
            real = pc.and_(pc.is_valid(col), pc.invert(pc.is_in(col, value_set=_BAD_PHONE_SET)))
            real = real.to_numpy(zero_copy_only=False)
            rec = np.unique(g[real])
            p = person[rec - self.n]
            self._occ(rec, "p:" + self.pp.country[p].astype(object) + ":"
                      + self.pp.nsn[p].astype(object))
        if unit_key is None:
            unit = self.n + np.arange(m)
        else:  # row-aligned records; a unit is named by the first record carrying the key
            assert len(rows) == m and (rows == np.arange(m)).all()
            codes, uniques = _encode(unit_key)
            first = np.zeros(len(uniques), dtype=np.int64)
            first[codes[::-1]] = np.arange(m)[::-1]
            unit = self.n + first[codes]
        self.sources.append((source, m))
        self.person.append(person)
        self.unit.append(np.asarray(unit, dtype=np.int64))
        self.named.append(np.zeros(m, dtype=bool) if named is None else np.asarray(named, bool))
        self.fallback.append(np.full(m, None, dtype=object) if fallback is None
                             else np.asarray(fallback, dtype=object))
        self.n += m

    def _occ(self, rec: np.ndarray, tok: np.ndarray) -> None:
        self.occ_rec.append(np.asarray(rec, dtype=np.int64))
        self.occ_tok.append(np.asarray(tok, dtype=object))

    def flags(self) -> dict[str, pa.Array]:
        """is_linkable, unlinkable_reason, link_evidence for every record, in add() order."""
        pp = self.pp
        n = self.n
        person = np.concatenate(self.person)
        unit = np.concatenate(self.unit)
        named = np.concatenate(self.named)
        fallback = np.concatenate(self.fallback)
        rec = np.concatenate(self.occ_rec)
        tok_str = np.concatenate(self.occ_tok)
        tok, names = pd.factorize(pd.Series(tok_str, dtype=object), sort=False)
        names = np.asarray(names, dtype=object)
        nt = len(names)
        o_person, o_unit = person[rec], unit[rec]

        def distinct_per_token(values: np.ndarray) -> np.ndarray:
            return np.bincount(_distinct_pairs(tok, values)[0], minlength=nt)

        n_persons = distinct_per_token(o_person)
        n_units = distinct_per_token(o_unit)
        specific = n_persons == 1
        links = specific & (n_units >= 2)
        has_token = np.zeros(n, dtype=bool)
        has_token[rec] = True
        has_specific = np.zeros(n, dtype=bool)
        has_specific[rec[specific[tok]]] = True
        exact = np.zeros(n, dtype=bool)
        exact[rec[links[tok]]] = True

        # fuzzy 1: a typo email (an email that is not one of its person's own emails) while the
        # person's primary email is a person-specific identifier on another unit of the person
        email1 = "e:" + pp.email1[o_person].astype(object)
        email2 = "e:" + pp.email2[o_person].astype(object)
        is_email = np.array([t.startswith("e:") for t in names], dtype=bool)[tok]
        foreign = np.flatnonzero(is_email & (tok_str != email1) & (tok_str != email2))
        code_of = pd.Series(np.arange(nt), index=names)
        u_min = np.full(nt, np.iinfo(np.int64).max)
        np.minimum.at(u_min, tok, o_unit)
        fuzzy = np.zeros(n, dtype=bool)
        for i in foreign:
            c = code_of.get(email1[i])
            if c is not None and specific[c] and (n_units[c] >= 2 or u_min[c] != o_unit[i]):
                fuzzy[rec[i]] = True
        # fuzzy 2: name + address/birth date, and the person has another such record
        named_per_person = np.bincount(person[named], minlength=pp.n)
        fuzzy |= named & (named_per_person[person] >= 2)
        fuzzy &= ~exact

        evidence = np.where(exact, "exact", np.where(fuzzy, "fuzzy_only", "none")).astype(object)
        recs_per_person = np.bincount(person, minlength=pp.n)
        reason = np.full(n, None, dtype=object)
        none = evidence == "none"
        reason[none & ~has_specific] = "shared_contact"
        reason[none & has_specific] = "isolated_identifier"
        reason[none & ~has_token] = "junk_or_invalid_only"
        fb = none & np.array([f is not None for f in fallback], dtype=bool)
        reason[fb] = fallback[fb]
        reason[none & (recs_per_person[person] == 1)] = "sole_record"
        return {"is_linkable": pa.array(~none), "unlinkable_reason": pa.array(reason, pa.string()),
                "link_evidence": pa.array(evidence, pa.string())}
