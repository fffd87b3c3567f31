"""CRM system: one contact per known lead/customer, plus name-and-address-only duplicates."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from . import config as C
from .messiness import PLACEHOLDER_DATES, Mess
from .people import People
from .pools import (
    EDUCATION_LEVELS,
    LEAD_SOURCES_BUSINESS,
    LEAD_SOURCES_CONSUMER,
    OCCUPATIONS,
)
from .writer import strs


def make_crm(rng: np.random.Generator, mess: Mess, pp: People, counters: dict[str, int],
             cfg: C.GenConfig) -> tuple[dict[str, pa.Array], np.ndarray, np.ndarray]:
    """Returns columns, person index per contact, and per-person 'birth date observed' flags."""
    r = cfg.rates
    regular = np.flatnonzero(pp.has_crm)
    extra = np.flatnonzero((pp.role == C.ACCOUNT) & (rng.random(pp.n) < r["crm_name_address_only"]))
    person = np.concatenate([regular, extra])
    is_extra = np.arange(len(person)) >= len(regular)
    order = np.argsort(person, kind="stable")  # contacts grouped by person, extras after
    person, is_extra = person[order], is_extra[order]
    m = len(person)

    canon = np.where(pp.email2[person] != "", pp.email2[person], pp.email1[person])
    email = mess.emails(canon)
    phone = mess.phones(pp.country[person], pp.nsn[person])
    both_missing = np.array([e is None and p is None for e, p in zip(email, phone, strict=True)])
    email[both_missing] = canon[both_missing]  # a regular contact always keeps one identifier
    email[is_extra] = None
    phone[is_extra] = None
    f, la = mess.names(pp.first[person], pp.last[person])

    birth = np.datetime_as_string(pp.birth[person], unit="D").astype(object)
    u = rng.random(m)
    placeholder = (u < r["placeholder_birth_date"]) & ~is_extra
    birth[placeholder] = np.array(PLACEHOLDER_DATES, dtype=object)[rng.integers(0, 2, int(placeholder.sum()))]
    birth_missing = ((u >= r["placeholder_birth_date"])
                     & (u < r["placeholder_birth_date"] + r["missing_field"]) & ~is_extra)
    birth[birth_missing] = None
    observed = np.zeros(pp.n, dtype=bool)
    observed[person[~placeholder & ~birth_missing]] = True
    gender = mess.maybe_missing(pp.gender[person])
    gender_observed = np.zeros(pp.n, dtype=bool)
    gender_observed[person[np.array([g is not None for g in gender], dtype=bool)]] = True

    sbo = pp.persona[person] == 3
    company = np.where(sbo, pp.company[person], None).astype(object)
    size = np.where(sbo, pp.company_size[person].astype(str), None).astype(object)
    job = np.where(sbo, pp.job_title[person], None).astype(object)
    occ = mess.maybe_missing(pp.occupation[person])
    lead = np.array(LEAD_SOURCES_CONSUMER, dtype=object)[rng.integers(0, len(LEAD_SOURCES_CONSUMER), m)]
    lead[sbo] = np.array(LEAD_SOURCES_BUSINESS, dtype=object)[rng.integers(0, 3, int(sbo.sum()))]
    # some consumers work somewhere: employer names, no size
    employed = ~sbo & (rng.random(m) < 0.15)
    company[employed] = np.array(["Siemens", "Tesco", "Spotify", "Accenture", "Zalando", "IKEA"],
                                 dtype=object)[rng.integers(0, 6, int(employed.sum()))]
    job[employed] = np.array(OCCUPATIONS, dtype=object)[rng.integers(0, len(OCCUPATIONS), int(employed.sum()))]

    created = pp.signup_s[person] + rng.integers(-20 * 86400, 60 * 86400, m)
    created = np.clip(created, cfg.start_s, cfg.end_s - 86400)
    updated = np.minimum(created + rng.integers(0, 300 * 86400, m), cfg.end_s)
    cols = {
        "contact_id": strs([f"CRM-{counters['crm'] + k + 1:07d}" for k in range(m)]),
        "email": strs(email), "phone": strs(phone), "first_name": strs(f), "last_name": strs(la),
        "birth_date": strs(birth), "gender": strs(gender),
        "street": strs(mess.maybe_missing(pp.street[person])),
        "address_line_2": strs(pp.line2[person]),
        "city": strs(mess.maybe_missing(pp.city[person])),
        "postal_code": strs(np.where(is_extra, pp.postal[person], mess.maybe_missing(pp.postal[person]))),
        "region": strs(mess.maybe_missing(pp.region[person])),
        "country": strs(pp.country[person]),
        "education_level": strs(mess.maybe_missing(np.array(EDUCATION_LEVELS, dtype=object)[
            rng.integers(0, len(EDUCATION_LEVELS), m)])),
        "occupation": strs(occ), "company_name": strs(company), "company_size": strs(size),
        "job_title": strs(job), "lead_source": strs(lead),
        "created_at": mess.timestamps(created), "updated_at": mess.timestamps(updated),
    }
    counters["crm"] += m
    return cols, person, np.stack([observed, gender_observed])
