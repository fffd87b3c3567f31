"""Shop system: product catalog, customer accounts, orders and order lines."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from . import config as C
from .messiness import Mess, deletter_email
from .people import People
from .pools import COUNTRIES, PRICE_RANGES, PRODUCT_CATALOG, VARIANTS
from .writer import bools, fx_lookup, ids, money, strs


@dataclass
class Catalog:
    product_id: np.ndarray
    name: np.ndarray
    category: np.ndarray
    subcategory: np.ndarray
    eco: np.ndarray
    price_cents: np.ndarray  # EUR


def make_catalog(rng: np.random.Generator) -> Catalog:
    rows = []
    for cat, subs in PRODUCT_CATALOG.items():
        for sub, names in subs.items():
            for base in names:
                for v in VARIANTS[: 1 + int(rng.integers(0, 3))]:
                    lo, hi = PRICE_RANGES[cat]
                    price = int(round(float(rng.uniform(lo, hi)))) * 100 - 1
                    eco = any(w in base for w in ("Organic", "Recycled", "Bamboo", "Cork",
                                                  "Solid", "Linen", "Soy")) or (
                        cat in ("clothing", "footwear") and rng.random() < 0.45) or (
                        rng.random() < 0.1)
                    rows.append((f"{base}{v}", cat, sub, bool(eco), price))
    n = len(rows)
    return Catalog(np.array([f"PR{i + 1:04d}" for i in range(n)], dtype=object),
                   np.array([r[0] for r in rows], dtype=object),
                   np.array([r[1] for r in rows], dtype=object),
                   np.array([r[2] for r in rows], dtype=object),
                   np.array([r[3] for r in rows], dtype=bool),
                   np.array([r[4] for r in rows], dtype=np.int64))


def catalog_columns(cat: Catalog) -> dict[str, pa.Array]:
    return {"product_id": strs(cat.product_id), "product_name": strs(cat.name),
            "category": strs(cat.category), "subcategory": strs(cat.subcategory),
            "is_eco_friendly": bools(cat.eco), "list_price": money(cat.price_cents),
            "currency": strs(np.full(len(cat.name), "EUR", dtype=object))}


CATEGORIES = tuple(PRODUCT_CATALOG)
# persona -> category weights (order of CATEGORIES)
CAT_WEIGHTS = {
    0: (0.24, 0.12, 0.10, 0.10, 0.12, 0.14, 0.12, 0.05, 0.01),
    1: (0.05, 0.08, 0.42, 0.30, 0.08, 0.02, 0.03, 0.01, 0.01),
    2: (0.70, 0.10, 0.03, 0.03, 0.02, 0.07, 0.05, 0.00, 0.00),
    3: (0.05, 0.03, 0.02, 0.02, 0.10, 0.05, 0.03, 0.20, 0.50),
}
FORCED_FIRST = {1: ("fitness", "wellness"), 2: ("clothing",), 3: ("software",)}


@dataclass
class Orders:
    """Clean order facts kept for the web module and the truth file."""

    person: np.ndarray  # index into People
    ordered_s: np.ndarray
    channel: np.ndarray
    customer_id: np.ndarray  # '' = guest
    line_order: np.ndarray  # order index per line
    line_product: np.ndarray
    order_id: np.ndarray


def _choose_products(rng: np.random.Generator, cat: Catalog, persona: np.ndarray,
                     first_line: np.ndarray) -> np.ndarray:
    n = len(persona)
    cat_idx = np.empty(n, dtype=np.int64)
    u = rng.random(n)
    for p, w in CAT_WEIGHTS.items():
        m = persona == p
        cum = np.cumsum(w)
        cat_idx[m] = np.minimum(np.searchsorted(cum / cum[-1], u[m], side="right"), len(w) - 1)
    r = rng.integers(0, 1 << 30, n)
    for p, forced in FORCED_FIRST.items():
        m = (persona == p) & first_line
        if p == 3:
            m &= r % 10 < 7
        cat_idx[m] = [CATEGORIES.index(forced[k % len(forced)]) for k in r[m]]
    prod = np.empty(n, dtype=np.int64)
    eco_pref = rng.random(n) < 0.85
    for ci, cname in enumerate(CATEGORIES):
        m = cat_idx == ci
        if not m.any():
            continue
        pool = np.flatnonzero(cat.category == cname)
        prod[m] = pool[r[m] % len(pool)]
        if cname == "clothing":
            eco_pool = np.flatnonzero((cat.category == cname) & cat.eco)
            mm = m & (persona == 2) & eco_pref
            prod[mm] = eco_pool[(r[mm] >> 3) % len(eco_pool)]
        if cname == "software":
            core = np.flatnonzero((cat.category == cname) & np.isin(cat.subcategory,
                                                                    ["payroll", "invoicing"]))
            mm = m & (persona == 3)
            prod[mm] = core[(r[mm] >> 3) % len(core)]
    return prod


def make_shop(rng: np.random.Generator, mess: Mess, pp: People, cat: Catalog,
              counters: dict[str, int], cfg: C.GenConfig,
              fx: dict[str, dict[str, float]]) -> tuple[dict[str, dict[str, pa.Array]], Orders,
                                                         dict[str, np.ndarray]]:
    r = cfg.rates
    n = pp.n
    # -- accounts ---------------------------------------------------------------
    acct = np.flatnonzero(pp.role == C.ACCOUNT)
    na = len(acct)
    cid = np.array([f"C{counters['customer'] + k + 1:07d}" for k in range(na)], dtype=object)
    counters["customer"] += na
    pp.customer_id[acct] = cid
    created = pp.signup_s[acct]
    updated = created + rng.integers(0, 400 * 86400, na)
    updated = np.minimum(updated, cfg.end_s)
    f, la = mess.names(pp.first[acct], pp.last[acct])
    customers = {
        "customer_id": strs(cid),
        "email": strs(mess.emails(pp.email1[acct], allow_missing=False)),
        "phone": strs(mess.phones(pp.country[acct], pp.nsn[acct])),
        "first_name": strs(f), "last_name": strs(la),
        "accepts_marketing": bools(rng.random(na) < 0.7),
        "city": strs(mess.maybe_missing(pp.city[acct])),
        "postal_code": strs(mess.maybe_missing(pp.postal[acct])),
        "country": strs(pp.country[acct]),
        "created_at": mess.timestamps(created),
        "updated_at": mess.timestamps(updated),
    }

    # -- orders -------------------------------------------------------------------
    k = np.zeros(n, dtype=np.int64)
    is_acct = pp.role == C.ACCOUNT
    k[is_acct] = np.minimum(rng.geometric(0.3, int(is_acct.sum())), 20)
    sus = pp.persona == 2
    k[sus] = rng.integers(8, 13, int(sus.sum()))
    guest_role = pp.role == C.GUEST
    k[guest_role] = np.minimum(rng.geometric(0.6, int(guest_role.sum())), 3)
    typo = is_acct & (rng.random(n) < r["guest_typo_email"])
    k_all = k + typo
    person = np.repeat(np.arange(n), k_all)
    m = len(person)
    # position of each order within its person block; the extra typo order is the last one
    starts = np.repeat(np.cumsum(k_all) - k_all, k_all)
    pos = np.arange(m) - starts
    is_typo = typo[person] & (pos == k_all[person] - 1)
    lo = pp.signup_s[person]
    ordered = lo + (rng.random(m) * (cfg.end_s - 3600 - lo)).astype(np.int64)
    guest_checkout = guest_role[person] | is_typo | (is_acct[person] & (rng.random(m) < 0.05))
    # the last regular order of a two-email person carries the second email + customer_id
    use2 = (pp.email2[person] != "") & (pos == k[person] - 1)
    guest_checkout &= ~use2
    order_cid = np.where(guest_checkout, "", pp.customer_id[person]).astype(object)

    # email per order: the person's primary, or the second email (see use2 above)
    canon = pp.email1[person].copy()
    canon[use2] = pp.email2[person][use2]
    email = mess.emails(canon, allow_missing=False)
    ri = rng.integers(0, 1 << 30, m)
    for i in np.flatnonzero(is_typo):
        email[i] = deletter_email(pp.email1[person[i]], int(ri[i]))
    phone = mess.phones(pp.country[person], np.where(rng.random(m) < 0.5, pp.nsn[person], ""))

    u = rng.random(m)
    status = np.full(m, "paid", dtype=object)
    c1 = r["cancelled"]
    c2 = c1 + r["refund_full"]
    c3 = c2 + r["refund_partial"]
    status[u < c1] = "cancelled"
    status[(u >= c1) & (u < c2)] = "refunded"
    status[(u >= c2) & (u < c3)] = "partially_refunded"

    cur_clean = np.array([COUNTRIES[c][0] for c in pp.country[person]], dtype=object)
    cur = cur_clean.copy()
    uc = rng.random(m)
    messy = uc < r["currency_messy"]
    lower = messy & (uc < r["currency_messy"] / 2)
    unknown = messy & ~lower
    cur[lower] = [c.lower() for c in cur[lower]]
    cur[unknown] = np.array(["XXX", "???", "EURO", "N/A"], dtype=object)[ri[unknown] % 4]

    month = np.datetime_as_string(ordered.astype("datetime64[s]"), unit="M").astype(object)
    rate = fx_lookup(fx, cur_clean, month)

    n_lines = rng.choice(np.array([1, 2, 3, 4]), size=m, p=[0.5, 0.3, 0.15, 0.05])
    line_order = np.repeat(np.arange(m), n_lines)
    nl = len(line_order)
    line_first = np.arange(nl) == np.repeat(np.cumsum(n_lines) - n_lines, n_lines)
    product = _choose_products(rng, cat, pp.persona[person][line_order], line_first)
    qty = rng.choice(np.array([1, 2, 3]), size=nl, p=[0.8, 0.15, 0.05])
    unit = np.maximum(np.round(cat.price_cents[product] / rate[line_order]).astype(np.int64), 1)
    subtotal = np.bincount(line_order, weights=qty * unit, minlength=m).astype(np.int64)
    ud = rng.random(m)
    discount = np.where(ud < 0.2, np.round(subtotal * 0.1),
                        np.where(ud < 0.25, np.round(subtotal * 0.2), 0)).astype(np.int64)
    vat = np.array([COUNTRIES[c][2] for c in pp.country[person]])
    tax = np.round((subtotal - discount) * vat).astype(np.int64)
    uch = rng.random(m)
    persona_o = pp.persona[person]
    channel = np.where(uch < 0.6, "web", np.where(uch < 0.8, "app", "store")).astype(object)
    channel[persona_o == 2] = np.where(uch[persona_o == 2] < 0.7, "web", "app")
    channel[persona_o == 1] = np.where(uch[persona_o == 1] < 0.6, "app", "web")
    channel[guest_checkout & (channel == "app")] = "web"
    shipping = np.where((subtotal >= 5000) | (channel == "store"), 0, 495).astype(np.int64)
    total = subtotal - discount + tax + shipping
    refunded = np.zeros(m, dtype=np.int64)
    refunded[status == "refunded"] = total[status == "refunded"]
    part = status == "partially_refunded"
    refunded[part] = np.maximum(np.round(total[part] * rng.uniform(0.1, 0.6, int(part.sum()))), 1)

    oid = ids("O", counters["order"], m, 9)
    counters["order"] += m
    store = channel == "store"
    ship_city = np.where(store, None, pp.city[person]).astype(object)
    ship_pc = np.where(store, None, pp.postal[person]).astype(object)
    ship_c = np.where(store, None, pp.country[person]).astype(object)
    orders = {
        "order_id": oid, "customer_id": strs(np.where(order_cid == "", None, order_cid)),
        "email": strs(email), "phone": strs(phone),
        "ordered_at": mess.timestamps(ordered), "status": strs(status), "currency": strs(cur),
        "subtotal": money(subtotal), "discount": money(discount), "tax": money(tax),
        "shipping": money(shipping), "total": money(total), "refunded_amount": money(refunded),
        "channel": strs(channel), "shipping_city": strs(mess.maybe_missing(ship_city)),
        "shipping_postal_code": strs(ship_pc), "shipping_country": strs(ship_c),
    }
    lines = {
        "order_line_id": ids("OL", counters["order_line"], nl, 10),
        "order_id": oid.take(pa.array(line_order)),
        "product_id": strs(cat.product_id[product]),
        "quantity": pa.array(qty.astype(np.int64)),
        "unit_price": money(unit),
    }
    counters["order_line"] += nl

    # truth: non-cancelled orders; revenue only where the currency is recoverable
    counted = status != "cancelled"
    known = ~unknown
    eur = np.where(counted & known, (total - refunded) / 100.0 * rate, 0.0)
    truth = {
        "n_orders": np.bincount(person[counted], minlength=n),
        "revenue": np.bincount(person, weights=eur, minlength=n),
        "order_person": person,
        "account_index": acct,
    }
    facts = Orders(person, ordered, channel, order_cid, line_order, product,
                   np.asarray(oid.to_pylist(), dtype=object))
    return {"shop_customers": customers, "shop_orders": orders, "shop_order_lines": lines}, \
        facts, truth
