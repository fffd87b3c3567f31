"""Behavioural tracking: website events (sessions, identify, checkout) and app events."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from . import config as C
from .messiness import Mess
from .people import People
from .shop import Catalog, Orders
from .writer import bools, hex_ids, ids, strs

SITE = "https://shop.example.com"
UTM = (("google", "cpc", "brand_search"), ("newsletter", "email", "weekly_digest"),
       ("instagram", "social", "spring_drop"), ("facebook", "paid_social", "retargeting"),
       ("bing", "cpc", "generic_search"))


def _dup_and_shuffle(rng: np.random.Generator, n: int, rate: float) -> np.ndarray:
    """Row order with duplicated deliveries; rows end up unsorted by time."""
    dup = np.flatnonzero(rng.random(n) < rate)
    idx = np.concatenate([np.arange(n), dup])
    return idx[rng.permutation(len(idx))]


def make_web(rng: np.random.Generator, mess: Mess, pp: People, cat: Catalog, orders: Orders,
             counters: dict[str, int], cfg: C.GenConfig) -> tuple[dict[str, pa.Array],
                                                                   np.ndarray, np.ndarray]:
    """Returns columns, distinct anonymous ids, and the person index of each."""
    n = pp.n
    r = cfg.rates
    role = pp.role
    on_web = (role != C.PROSPECT) | (rng.random(n) < 0.6)
    n_anon = np.where(on_web, 1 + (rng.random(n) < 0.4) + (rng.random(n) < 0.15), 0)
    n_anon[role == C.ANONYMOUS] = 1
    anon_person = np.repeat(np.arange(n), n_anon)
    anon_start = np.cumsum(n_anon) - n_anon
    na = len(anon_person)
    anon_ids = hex_ids("", np.arange(counters["anon"], counters["anon"] + na), cfg.seed * 31 + 7)
    counters["anon"] += na
    device_of_anon = np.array(["desktop", "mobile", "tablet"], dtype=object)[
        rng.choice(3, size=na, p=[0.45, 0.45, 0.10])]

    # -- browse sessions ---------------------------------------------------------------
    lam = np.select([role == C.ACCOUNT, role == C.GUEST, role == C.PROSPECT], [4.0, 2.0, 1.5], 1.0)
    n_sess = np.where(on_web, 1 + rng.poisson(lam), 0)
    s_person = np.repeat(np.arange(n), n_sess)
    ns = len(s_person)
    s_pos = np.arange(ns) - np.repeat(np.cumsum(n_sess) - n_sess, n_sess)
    s_anon = anon_start[s_person] + s_pos % np.maximum(n_anon[s_person], 1)
    lo = np.maximum(pp.signup_s[s_person] - 30 * 86400, cfg.start_s)
    s_start = lo + (rng.random(ns) * (cfg.end_s - 7200 - lo)).astype(np.int64)
    signed = (role[s_person] == C.ACCOUNT) & (rng.random(ns) < 0.5)
    # prospects sign up to the newsletter in their first session
    ident = signed | ((role[s_person] == C.PROSPECT) & (s_pos == 0) & (rng.random(ns) < 0.5))
    s_len = 2 + rng.poisson(2.5, ns)
    e_sess = np.repeat(np.arange(ns), s_len)
    nb = len(e_sess)
    e_pos = np.arange(nb) - np.repeat(np.cumsum(s_len) - s_len, s_len)
    last = e_pos == s_len[e_sess] - 1
    u = rng.random(nb)
    kind = np.where(e_pos == 0, 0, np.where(u < 0.45, 1, 2))  # 0 home, 1 category, 2 product view
    kind[last & (kind == 2) & (rng.random(nb) < 0.35)] = 3  # product added
    b_prod = rng.integers(0, len(cat.product_id), nb)
    b_time = s_start[e_sess] + e_pos * rng.integers(15, 120, nb)
    # identify events, one at the start of identified sessions
    id_sess = np.flatnonzero(ident)

    # -- purchase sessions for web orders ------------------------------------------
    wo = np.flatnonzero(orders.channel == "web")
    o_person = orders.person[wo]
    o_anon = anon_start[o_person] + (wo % np.maximum(n_anon[o_person], 1))
    t_done = orders.ordered_s[wo]
    t0 = t_done - 900
    lmask = np.isin(orders.line_order, wo)
    l_order = orders.line_order[lmask]
    wo_pos = np.searchsorted(wo, l_order)
    l_prod = orders.line_product[lmask]
    l_k = np.arange(len(l_order)) - np.searchsorted(l_order, l_order)

    # assemble all events as parallel arrays
    parts_person = [s_person[e_sess], s_person[id_sess], o_person, o_person[wo_pos],
                    o_person[wo_pos], o_person, o_person, o_person]
    parts_anon = [s_anon[e_sess], s_anon[id_sess], o_anon, o_anon[wo_pos], o_anon[wo_pos],
                  o_anon, o_anon, o_anon]
    parts_kind = [kind, np.full(len(id_sess), 9), np.full(len(wo), 0), np.full(len(l_order), 2),
                  np.full(len(l_order), 3), np.full(len(wo), 4), np.full(len(wo), 5),
                  np.full(len(wo), 9)]
    parts_prod = [b_prod, np.zeros(len(id_sess), np.int64), np.zeros(len(wo), np.int64), l_prod,
                  l_prod, np.zeros(len(wo), np.int64), np.zeros(len(wo), np.int64),
                  np.zeros(len(wo), np.int64)]
    parts_time = [b_time, s_start[id_sess] + 5, t0, t0[wo_pos] + 60 + 40 * l_k, t0[wo_pos] + 300 + 20 * l_k,
                  t0 + 600, t_done, t0 + 590]
    o_uid = orders.customer_id[wo]
    parts_uid = [np.where(signed[e_sess], pp.customer_id[s_person[e_sess]], ""),
                 np.where(signed[id_sess], pp.customer_id[s_person[id_sess]], ""),
                 o_uid, o_uid[wo_pos], o_uid[wo_pos], o_uid, o_uid, o_uid]
    parts_utm = [np.where((e_pos == 0) & (rng.random(nb) < 0.3), rng.integers(0, len(UTM), nb), -1),
                 np.full(len(id_sess), -1), np.where(rng.random(len(wo)) < 0.3,
                                                     rng.integers(0, len(UTM), len(wo)), -1),
                 np.full(len(l_order), -1), np.full(len(l_order), -1), np.full(len(wo), -1),
                 np.full(len(wo), -1), np.full(len(wo), -1)]
    person = np.concatenate(parts_person)
    anon = np.concatenate(parts_anon)
    kind = np.concatenate(parts_kind)
    prod = np.concatenate(parts_prod)
    t = np.concatenate(parts_time).astype(np.int64)
    uid = np.concatenate(parts_uid).astype(object)
    utm = np.concatenate(parts_utm)
    m = len(person)

    etype = np.array(["page", "page", "track", "track", "track", "track", "", "", "", "identify"],
                     dtype=object)[kind]
    ename = np.array(["Home", "Category Viewed", "Product Viewed", "Product Added",
                      "Checkout Started", "Order Completed", "", "", "", "Identify"],
                     dtype=object)[kind]
    ename[kind == 9] = None
    has_prod = (kind == 2) | (kind == 3)
    prod_col = np.where(has_prod, cat.product_id[prod], None).astype(object)
    cat_url = np.array([f"{SITE}/c/{c}" for c in cat.category], dtype=object)
    prod_url = np.array([f"{SITE}/p/{p.lower()}" for p in cat.product_id], dtype=object)
    url = np.array([f"{SITE}/", "", "", "", f"{SITE}/checkout", f"{SITE}/checkout/complete",
                    "", "", "", None], dtype=object)[kind]
    url[kind == 1] = cat_url[prod[kind == 1]]
    url[has_prod] = prod_url[prod[has_prod]]
    email = np.full(m, None, dtype=object)
    is_ident = kind == 9
    email[is_ident] = mess.emails(pp.email1[person[is_ident]], allow_missing=False)
    utm_cols = [np.where(utm >= 0, np.array([u[j] for u in UTM], dtype=object)[np.maximum(utm, 0)],
                         None).astype(object) for j in range(3)]
    late = rng.random(m) < r["late_arrival"]
    received = t + rng.integers(0, 6, m) + np.where(late, rng.integers(86400, 10 * 86400, m), 0)

    cols = {
        "event_id": ids("WE", counters["web"], m, 10),
        "anonymous_id": strs(anon_ids[anon]),
        "user_id": strs(np.where(uid == "", None, uid)),
        "event_type": strs(etype), "event_name": strs(ename), "page_url": strs(url),
        "product_id": strs(prod_col), "email": strs(email),
        "utm_source": strs(utm_cols[0]), "utm_medium": strs(utm_cols[1]),
        "utm_campaign": strs(utm_cols[2]),
        "device_type": strs(device_of_anon[anon]),
        "event_at": mess.timestamps(t, allow_future=True),
        "received_at": mess.timestamps(received),
    }
    counters["web"] += m
    take = pa.array(_dup_and_shuffle(rng, m, r["duplicate_event"]))
    cols = {k: v.take(take) for k, v in cols.items()}
    used = np.unique(anon)
    return cols, anon_ids[used], anon_person[used]


APP_EVENTS = ("app_open", "screen_view", "product_viewed", "workout_logged", "add_to_cart",
              "purchase", "push_opened")
APP_P_DEFAULT = (0.32, 0.30, 0.17, 0.02, 0.09, 0.04, 0.06)
APP_P_FITNESS = (0.25, 0.20, 0.10, 0.33, 0.05, 0.02, 0.05)


def make_app(rng: np.random.Generator, mess: Mess, pp: People, counters: dict[str, int],
             cfg: C.GenConfig) -> tuple[dict[str, pa.Array], np.ndarray, np.ndarray]:
    n = pp.n
    users = np.flatnonzero(pp.app_user)
    n_dev = 1 + (rng.random(len(users)) < 0.2)
    dev_person = np.repeat(users, n_dev)
    nd = len(dev_person)
    dev_ids = hex_ids("dev-", np.arange(counters["device"], counters["device"] + nd),
                      cfg.seed * 17 + 3, 12)
    counters["device"] += nd
    platform = np.where(rng.random(nd) < 0.55, "ios", "android").astype(object)
    push_dev = rng.random(nd) < 0.5
    fit_dev = pp.persona[dev_person] == 1
    push_dev[fit_dev] = True
    first_dev = np.zeros(n, dtype=np.int64)
    first_dev[users] = (np.cumsum(n_dev) - n_dev)

    # sporadic usage over the whole range
    k = rng.poisson(np.where(pp.persona[dev_person] == 1, 20, 8)) + 1
    e_dev = np.repeat(np.arange(nd), k)
    lo = pp.signup_s[dev_person][e_dev]
    t1 = lo + (rng.random(len(e_dev)) * (cfg.end_s - lo)).astype(np.int64)
    # fitness persona: active on most of the last 30 days, on their first device
    fit = np.flatnonzero(pp.persona == 1)
    days = np.repeat(fit, 30)
    day = np.tile(np.arange(30), len(fit))
    active = rng.random(len(days)) < 0.85
    days, day = days[active], day[active]
    per_day = rng.integers(2, 6, len(days))
    f_dev = np.repeat(first_dev[days], per_day)
    day_start = cfg.end_s + 1 - (30 - np.repeat(day, per_day)) * 86400
    t2 = day_start + rng.integers(6 * 3600, 23 * 3600, len(f_dev))
    dev = np.concatenate([e_dev, f_dev])
    t = np.concatenate([t1, t2])
    m = len(dev)
    person = dev_person[dev]
    u = rng.random(m)
    is_fit = pp.persona[person] == 1
    ev = np.where(is_fit, np.searchsorted(np.cumsum(APP_P_FITNESS), u * 0.999999),
                  np.searchsorted(np.cumsum(APP_P_DEFAULT), u * 0.999999))
    ev = np.minimum(ev, len(APP_EVENTS) - 1)
    months = ((t - cfg.start_s) // (30 * 86400)).astype(np.int64)
    version = np.array([f"3.{v // 3}.{v % 3}" for v in range(0, 400)], dtype=object)[
        np.clip(months, 0, 399)]
    logged = (pp.customer_id[person] != "") & (rng.random(m) < 0.8)
    uid = np.where(logged, pp.customer_id[person], None).astype(object)
    cols = {
        "event_id": ids("AE", counters["app"], m, 10),
        "device_id": strs(dev_ids[dev]),
        "user_id": strs(uid),
        "event_name": strs(np.array(APP_EVENTS, dtype=object)[ev]),
        "platform": strs(platform[dev]),
        "app_version": strs(version),
        "push_enabled": bools(push_dev[dev]),
        "event_at": mess.timestamps(t, allow_future=True),
    }
    counters["app"] += m
    take = pa.array(_dup_and_shuffle(rng, m, cfg.rates["duplicate_event"]))
    cols = {k2: v.take(take) for k2, v in cols.items()}
    used = np.unique(dev)
    return cols, dev_ids[used], dev_person[used]
