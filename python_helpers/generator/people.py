"""The hidden population: one row per real person, before any source system sees them."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import numpy as np

from . import config as C
from .pools import (
    BUSINESS_TITLES,
    CITIES,
    COMPANY_KINDS,
    COMPANY_WORDS,
    COUNTRIES,
    COUNTRY_CODES,
    COUNTRY_WEIGHTS,
    EMAIL_DOMAINS,
    FIRST_NAMES,
    LAST_NAMES,
    NON_LATIN_NAMES,
    OCCUPATIONS,
    STREETS,
)

US_AREA = ("212", "415", "312", "617", "206", "512", "303", "404")
NSN_PREFIX = {"GB": "207", "DE": "30", "FR": "61", "SE": "70", "NL": "61", "ES": "61", "IT": "331"}


def ascii_slug(s: str) -> str:
    s = unicodedata.normalize("NFKD", s).replace("ß", "ss")
    return "".join(c for c in s.lower() if c.isascii() and c.isalnum())


@dataclass
class People:
    """Column arrays, one element per person in the chunk."""

    gidx: np.ndarray
    person_id: np.ndarray
    role: np.ndarray
    persona: np.ndarray
    country: np.ndarray
    city: np.ndarray
    region: np.ndarray
    is_urban: np.ndarray
    postal: np.ndarray
    street: np.ndarray
    line2: np.ndarray
    gender: np.ndarray
    first: np.ndarray
    last: np.ndarray
    birth: np.ndarray  # datetime64[D]
    email1: np.ndarray  # canonical primary email ('' for anonymous visitors)
    email2: np.ndarray  # second email or ''
    nsn: np.ndarray  # national significant number or ''
    household: np.ndarray
    company: np.ndarray
    company_size: np.ndarray  # 0 = none
    company_domain: np.ndarray
    job_title: np.ndarray
    occupation: np.ndarray
    mailbox_group: np.ndarray  # 1 = shares info@ mailbox
    has_crm: np.ndarray
    customer_id: np.ndarray  # '' unless account
    app_user: np.ndarray
    signup_s: np.ndarray

    @property
    def n(self) -> int:
        return len(self.gidx)


def _group_runs(eligible: np.ndarray, share: float, lo: int, hi: int,
                rng: np.random.Generator) -> list[list[int]]:
    """Consecutive groups of lo..hi eligible persons covering about ``share`` of them."""
    idx = np.flatnonzero(eligible)
    mean = (lo + hi) / 2
    p_start = share / (mean - (mean - 1) * share) if share < 1 else 1.0
    u = rng.random(len(idx))
    sizes = rng.integers(lo, hi + 1, len(idx))
    groups: list[list[int]] = []
    k = 0
    while k < len(idx) - 1:
        if u[k] < p_start:
            g = [int(x) for x in idx[k:k + sizes[k]]]
            if len(g) >= lo:
                groups.append(g)
            k += len(g)
        else:
            k += 1
    return groups


def make_people(rng: np.random.Generator, offset: int, n: int, cfg: C.GenConfig,
                salt: int) -> People:
    rates = cfg.rates
    gidx = np.arange(offset, offset + n, dtype=np.int64)
    person_id = np.array([f"P{g + 1:08d}" for g in gidx], dtype=object)

    role = rng.choice(4, size=n, p=np.array(C.ROLE_SHARES))
    persona = np.zeros(n, dtype=np.int8)
    acct = np.flatnonzero(role == C.ACCOUNT)
    u = rng.random(len(acct))
    p = C.PERSONA_SHARE / C.ROLE_SHARES[C.ACCOUNT]
    persona[acct[u < p]] = 1
    persona[acct[(u >= p) & (u < 2 * p)]] = 2
    persona[acct[(u >= 2 * p) & (u < 3 * p)]] = 3

    ci = rng.choice(len(COUNTRY_CODES), size=n, p=np.array(COUNTRY_WEIGHTS))
    country = np.array(COUNTRY_CODES, dtype=object)[ci]
    city_by_country = {c: [i for i, row in enumerate(CITIES) if row[0] == c] for c in COUNTRY_CODES}
    urban_by_country = {c: [i for i in v if CITIES[i][3]] for c, v in city_by_country.items()}
    r_city = rng.integers(0, 1 << 30, n)
    city_idx = np.empty(n, dtype=np.int64)
    for i in range(n):
        pool = urban_by_country[country[i]] if (persona[i] == 1 or r_city[i] % 3 == 0) \
            else city_by_country[country[i]]
        city_idx[i] = pool[(r_city[i] >> 2) % len(pool)]
    city = np.array([CITIES[j][1] for j in city_idx], dtype=object)
    region = np.array([CITIES[j][2] for j in city_idx], dtype=object)
    is_urban = np.array([CITIES[j][3] for j in city_idx], dtype=bool)

    pc_digits = rng.integers(0, 1000, n)
    postal = np.empty(n, dtype=object)
    letters = "ABDEFGHJLNPQRSTUWXYZ"
    for i in range(n):
        pre, d, c = CITIES[city_idx[i]][4], int(pc_digits[i]), country[i]
        if c == "GB":
            postal[i] = f"{pre}{1 + d % 19} {d % 9 + 1}{letters[d % 20]}{letters[(d // 20) % 20]}"
        elif c == "US":
            postal[i] = f"{pre}{d % 100:02d}"
        elif c == "NL":
            postal[i] = f"{pre}{d % 100:02d} {letters[d % 20]}{letters[(d // 7) % 20]}"
        elif c == "SE":
            postal[i] = f"{pre}{d // 100} {d % 100:02d}"
        else:
            postal[i] = f"{pre}{d:03d}"
    street_no = rng.integers(1, 180, n)
    street = np.array([f"{STREETS[country[i]][int(street_no[i]) % len(STREETS[country[i]])]} "
                       f"{street_no[i]}" if country[i] not in ("FR", "US") else
                       f"{street_no[i]} {STREETS[country[i]][int(street_no[i]) % len(STREETS[country[i]])]}"
                       for i in range(n)], dtype=object)
    line2 = np.where(rng.random(n) < 0.2,
                     np.array(["Apt " + str(k) for k in rng.integers(1, 40, n)], dtype=object), None)

    # names
    r_name = rng.integers(0, 1 << 30, (n, 2))
    non_latin = rng.random(n) < rates["non_latin_name"]
    gender = np.empty(n, dtype=object)
    first = np.empty(n, dtype=object)
    last = np.empty(n, dtype=object)
    fa = np.empty(n, dtype=object)
    la = np.empty(n, dtype=object)
    for i in range(n):
        if non_latin[i]:
            f, lname, g, af, al = NON_LATIN_NAMES[r_name[i, 0] % len(NON_LATIN_NAMES)]
        else:
            fp = FIRST_NAMES[country[i]]
            f, g = fp[r_name[i, 0] % len(fp)]
            lp = LAST_NAMES[country[i]]
            lname = lp[r_name[i, 1] % len(lp)]
            af, al = ascii_slug(f), ascii_slug(lname)
        first[i], last[i], gender[i], fa[i], la[i] = f, lname, g, af, al
    gender[rng.random(n) < 0.01] = "non_binary"

    age = rng.integers(18, 80, n)
    age[persona == 1] = rng.integers(25, 40, int((persona == 1).sum()))
    age[persona == 3] = rng.integers(28, 62, int((persona == 3).sum()))
    ref = np.datetime64(cfg.end, "D")
    birth = ref - (age * 365.25).astype(np.int64) - rng.integers(1, 364, n)

    # emails (unique by construction: num is a bijection of the global index)
    num = (gidx * 7919 + salt) % 10_000_000
    num2 = (gidx * 104729 + salt * 3 + 11) % 10_000_000
    r_mail = rng.integers(0, 1 << 30, (n, 3))
    email1 = np.empty(n, dtype=object)
    email2 = np.full(n, "", dtype=object)
    for i in range(n):
        doms = EMAIL_DOMAINS[country[i]]
        dom = doms[r_mail[i, 0] % len(doms)]
        pat = r_mail[i, 1] % 4
        f, lname = fa[i] or "user", la[i] or "x"
        local = (f"{f}.{lname}{num[i]}", f"{f}{lname}{num[i]}", f"{f[0]}.{lname}{num[i]}",
                 f"{f}_{lname}{num[i]}")[pat]
        if dom == "gmail.com":
            local = local.replace(".", "")
        email1[i] = f"{local}@{dom}"
    email1[role == C.ANONYMOUS] = ""

    has_crm = (role == C.PROSPECT) | (persona == 3) | (
        ((role == C.ACCOUNT) | (role == C.GUEST)) & (rng.random(n) < 0.35))

    # business attributes
    company = np.full(n, "", dtype=object)
    company_domain = np.full(n, "", dtype=object)
    company_size = np.zeros(n, dtype=np.int64)
    job_title = np.full(n, "", dtype=object)
    occupation = np.array(OCCUPATIONS, dtype=object)[rng.integers(0, len(OCCUPATIONS), n)]
    sbo = persona == 3
    r_co = rng.integers(0, 1 << 30, n)
    for i in np.flatnonzero(sbo):
        w = COMPANY_WORDS[r_co[i] % len(COMPANY_WORDS)]
        k = COMPANY_KINDS[(r_co[i] >> 5) % len(COMPANY_KINDS)]
        company[i] = f"{w} {k}"
        company_domain[i] = f"{ascii_slug(w)}{ascii_slug(k)}{num[i] % 100000}.com"
        company_size[i] = 1 + (r_co[i] >> 10) % 20
        job_title[i] = BUSINESS_TITLES[(r_co[i] >> 15) % len(BUSINESS_TITLES)]
        occupation[i] = "Business Owner" if r_co[i] % 2 else "Founder"
    mailbox_group = np.zeros(n, dtype=np.int8)
    for g in _group_runs(sbo, rates["business_mailbox"], 2, 5, rng):
        head = g[0]
        for j in g:
            company[j], company_domain[j] = company[head], company_domain[head]
            company_size[j] = max(int(company_size[head]), len(g))
            mailbox_group[j] = 1
        for j in g[1:]:
            job_title[j] = ("Co-Founder", "Office Manager", "Partner")[j % 3]
            occupation[j] = "Business Owner"
        for j in g:
            company_size[j] = company_size[head]

    # second email: personal or work
    multi = (role == C.ACCOUNT) & (rng.random(n) < rates["multi_email"])
    for i in np.flatnonzero(multi | (mailbox_group == 1)):
        if mailbox_group[i]:
            email2[i] = f"info@{company_domain[i]}"
        elif sbo[i]:
            email2[i] = f"{fa[i] or 'user'}.{la[i] or 'x'}@{company_domain[i]}"
        else:
            doms = [d for d in EMAIL_DOMAINS[country[i]] if d != "gmail.com"]
            email2[i] = f"{(fa[i] or 'u')[0]}{la[i] or 'x'}.{num2[i]}@{doms[r_mail[i, 2] % len(doms)]}"

    # phones: unique tail per global index
    tail = (gidx * 7919 + salt * 7 + 3) % 10_000_000
    has_phone = (role != C.ANONYMOUS) & (rng.random(n) < 0.85)
    has_phone |= persona == 3
    area = rng.integers(0, len(US_AREA), n)
    nsn = np.full(n, "", dtype=object)
    for i in np.flatnonzero(has_phone):
        c = country[i]
        pre = US_AREA[area[i]] if c == "US" else NSN_PREFIX[c]
        nsn[i] = f"{pre}{tail[i]:07d}"

    # households share email + phone + address (not small business owners, not anonymous)
    household = np.full(n, "", dtype=object)
    eligible = (role != C.ANONYMOUS) & ~sbo & (persona != 1)
    for g in _group_runs(eligible, rates["household"], 2, 4, rng):
        head = g[0]
        hid = f"H{gidx[head] + 1:08d}"
        if not nsn[head]:
            c = country[head]
            nsn[head] = f"{US_AREA[area[head]] if c == 'US' else NSN_PREFIX[c]}{tail[head]:07d}"
        for j in g:
            household[j] = hid
            for arr in (country, city, region, is_urban, postal, street, line2):
                arr[j] = arr[head]
            email1[j] = email1[head]
            nsn[j] = nsn[head]
            if j != head and r_co[j] % 10 < 6:
                last[j] = last[head]

    customer_id = np.full(n, "", dtype=object)
    app_user = (persona == 1) | ((role != C.ANONYMOUS) & (rng.random(n) < 0.15))
    span = cfg.end_s - cfg.start_s
    signup_s = cfg.start_s + (rng.random(n) ** 1.3 * span * 0.85).astype(np.int64)
    early = (persona == 1) | (persona == 2)
    signup_s[early] = cfg.start_s + rng.integers(0, 60 * 86400, int(early.sum()))
    return People(gidx, person_id, role, persona, country, city, region, is_urban, postal, street,
                  line2, gender, first, last, birth, email1, email2, nsn, household, company,
                  company_size, company_domain, job_title, occupation, mailbox_group, has_crm,
                  customer_id, app_user, signup_s)


def vat(country: str) -> float:
    return COUNTRIES[country][2]
