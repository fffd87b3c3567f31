"""Engagement systems: consent, email marketing, support, surveys, social, erasure requests."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from . import config as C
from .messiness import Mess, phone_formats
from .people import People, ascii_slug
from .pools import (
    CAMPAIGN_TEMPLATES,
    INTERESTS,
    LIFESTYLES,
    SOCIAL_TOPICS,
    SUPPORT_CATEGORIES,
    VALUES,
)
from .web import _dup_and_shuffle
from .writer import ids, strs

Cols = dict[str, pa.Array]


@dataclass
class Campaigns:
    campaign_id: np.ndarray
    name: np.ndarray
    educational: np.ndarray
    sent_s: np.ndarray  # sorted


def make_campaigns(rng: np.random.Generator, cfg: C.GenConfig) -> Campaigns:
    sent = np.arange(cfg.start_s + 2 * 86400, cfg.end_s - 86400, 4 * 86400, dtype=np.int64)
    sent = sent + rng.integers(8 * 3600, 11 * 3600, len(sent))
    tpl = rng.integers(0, len(CAMPAIGN_TEMPLATES), len(sent))
    names, edu = [], []
    for s, k in zip(sent, tpl, strict=True):
        d = np.datetime64(int(s), "s").astype("datetime64[D]").item()
        pattern, kind = CAMPAIGN_TEMPLATES[k]
        names.append(pattern.format(y=d.year, m=d.strftime("%b %Y")))
        edu.append(kind == "educational")
    cid = np.array([f"CMP-{i + 1:04d}" for i in range(len(sent))], dtype=object)
    return Campaigns(cid, np.array(names, dtype=object), np.array(edu), sent)


def _pick(values: tuple[str, ...], rng: np.random.Generator, n: int) -> np.ndarray:
    return np.array(values, dtype=object)[rng.integers(0, len(values), n)]


def make_consent(rng: np.random.Generator, mess: Mess, pp: People, counters: dict[str, int],
                 cfg: C.GenConfig) -> tuple[Cols, np.ndarray, np.ndarray, np.ndarray]:
    """Returns columns, person per row, email grant time and withdrawal time per person."""
    n = pp.n
    known = pp.role != C.ANONYMOUS
    email_ok = known & ((rng.random(n) < 0.8) | (pp.persona == 2) | (pp.persona == 3))
    grant = pp.signup_s + rng.integers(0, 5 * 86400, n)
    grant = np.minimum(grant, cfg.end_s - 86400)
    withdraw_p = np.where(pp.persona > 0, 0.03, 0.12)
    withdrawn = email_ok & (rng.random(n) < withdraw_p)
    w_time = np.where(withdrawn, grant + (rng.random(n) * (cfg.end_s - grant)).astype(np.int64),
                      cfg.end_s + 1)
    rows_p, rows_purpose, rows_status, rows_t, rows_src = [], [], [], [], []

    def add(mask: np.ndarray, purpose: str, status: str, t: np.ndarray, src: np.ndarray) -> None:
        idx = np.flatnonzero(mask)
        rows_p.append(idx)
        rows_purpose.append(np.full(len(idx), purpose, dtype=object))
        rows_status.append(np.full(len(idx), status, dtype=object))
        rows_t.append(t[idx])
        rows_src.append(src[idx])

    src_signup = np.where(pp.role == C.PROSPECT,
                          np.where(rng.random(n) < 0.5, "crm", "email_preference_center"),
                          "shop").astype(object)
    add(email_ok, "email_marketing", "granted", grant, src_signup)
    src_w = np.where(rng.random(n) < 0.7, "email_preference_center", "crm").astype(object)
    add(withdrawn, "email_marketing", "withdrawn", w_time, src_w)
    push = pp.app_user & ((pp.persona == 1) | (rng.random(n) < 0.5))
    t_push = pp.signup_s + rng.integers(0, 10 * 86400, n)
    add(push, "push", "granted", t_push, np.full(n, "app", dtype=object))
    sms = known & (pp.nsn != "") & (rng.random(n) < 0.2)
    add(sms, "sms_marketing", "granted", grant + 3600, np.where(pp.has_crm, "crm", "shop"))
    pers = (pp.role == C.ACCOUNT) & (rng.random(n) < 0.35)
    t_pers = pp.signup_s + 60
    add(pers, "personalization", "granted", t_pers, np.full(n, "shop", dtype=object))
    add(pers, "analytics", "granted", t_pers + 1, np.full(n, "shop", dtype=object))
    pw = pers & (rng.random(n) < 0.1)
    add(pw, "personalization", "withdrawn",
        t_pers + (rng.random(n) * (cfg.end_s - t_pers)).astype(np.int64),
        np.full(n, "shop", dtype=object))

    person = np.concatenate(rows_p)
    purpose = np.concatenate(rows_purpose)
    order = np.lexsort((np.concatenate(rows_t), person))
    person, purpose = person[order], purpose[order]
    status = np.concatenate(rows_status)[order]
    t = np.minimum(np.concatenate(rows_t)[order], cfg.end_s)
    src = np.concatenate(rows_src)[order]
    m = len(person)
    email = mess.emails(pp.email1[person], allow_missing=False)
    is_sms = purpose == "sms_marketing"
    phone = np.full(m, None, dtype=object)
    phone[is_sms] = mess.phones(pp.country[person[is_sms]], pp.nsn[person[is_sms]],
                                allow_missing=False)
    email[is_sms & (rng.random(m) < 0.5)] = None
    cid = pp.customer_id[person]
    shop_row = (src == "shop") | (src == "app")
    customer = np.where(shop_row & (cid != ""), cid, None).astype(object)
    email[(src == "app") & (cid != "")] = None
    cols = {"consent_id": ids("CON-", counters["consent"], m, 8), "email": strs(email),
            "phone": strs(phone), "customer_id": strs(customer), "purpose": strs(purpose),
            "status": strs(status), "recorded_at": mess.timestamps(t), "source": strs(src)}
    counters["consent"] += m
    return cols, person, np.where(email_ok, grant, -1), w_time


def make_email_events(rng: np.random.Generator, mess: Mess, pp: People, camp: Campaigns,
                      grant: np.ndarray, w_time: np.ndarray, counters: dict[str, int],
                      cfg: C.GenConfig) -> tuple[Cols, np.ndarray, np.ndarray]:
    rec = np.flatnonzero(grant >= 0)
    a = np.searchsorted(camp.sent_s, grant[rec])
    b = np.searchsorted(camp.sent_s, w_time[rec])
    k = np.where(b > a, rng.poisson(10, len(rec)) + 1, 0)
    rec_email = mess.emails(pp.email1[rec], allow_missing=False, allow_junk=False)
    s_rec = np.repeat(np.arange(len(rec)), k)
    ns = len(s_rec)
    ci = a[s_rec] + (rng.random(ns) * (b - a)[s_rec]).astype(np.int64)
    sent = camp.sent_s[ci] + rng.integers(0, 6 * 3600, ns)
    persona = pp.persona[rec[s_rec]]
    edu = camp.educational[ci]
    p_open = np.full(ns, 0.22)
    p_click = np.full(ns, 0.12)
    p_open[persona == 2] = np.where(edu[persona == 2], 0.40, 0.55)
    p_click[persona == 2] = np.where(edu[persona == 2], 0.15, 0.30)
    p_open[persona == 3] = np.where(edu[persona == 3], 0.60, 0.18)
    p_click[persona == 3] = np.where(edu[persona == 3], 0.45, 0.04)
    bounce = rng.random(ns) < 0.03
    opened = ~bounce & (rng.random(ns) < p_open)
    clicked = opened & (rng.random(ns) < p_click)
    complaint = ~bounce & (rng.random(ns) < 0.001)
    t_open = sent + rng.integers(300, 3 * 86400, ns)
    t_click = t_open + rng.integers(5, 600, ns)
    unsub_rec = np.flatnonzero((w_time[rec] <= cfg.end_s) & (b > a))
    u_ci = np.maximum(b[unsub_rec] - 1, a[unsub_rec])

    parts = [  # (sent index, event type, time)
        (np.arange(ns), "sent", sent),
        (np.flatnonzero(~bounce), "delivered", (sent + 30)[~bounce]),
        (np.flatnonzero(bounce), "bounce", (sent + 40)[bounce]),
        (np.flatnonzero(opened), "open", t_open[opened]),
        (np.flatnonzero(clicked), "click", t_click[clicked]),
        (np.flatnonzero(complaint), "complaint", (t_open + 60)[complaint]),
    ]
    rec_of = np.concatenate([s_rec[p[0]] for p in parts] + [unsub_rec])
    camp_of = np.concatenate([ci[p[0]] for p in parts] + [u_ci])
    etype = np.concatenate([np.full(len(p[0]), p[1], dtype=object) for p in parts]
                           + [np.full(len(unsub_rec), "unsubscribe", dtype=object)])
    t = np.concatenate([p[2] for p in parts] + [w_time[rec][unsub_rec]])
    m = len(rec_of)
    link = np.full(m, None, dtype=object)
    is_click = etype == "click"
    link[is_click] = np.where(camp.educational[camp_of[is_click]],
                              "https://shop.example.com/guides", "https://shop.example.com/sale")
    cols = {"event_id": ids("EE", counters["email"], m, 10), "email": strs(rec_email[rec_of]),
            "campaign_id": strs(camp.campaign_id[camp_of]),
            "campaign_name": strs(camp.name[camp_of]), "event_type": strs(etype),
            "link_url": strs(link), "event_at": mess.timestamps(t, allow_future=True)}
    counters["email"] += m
    take = pa.array(_dup_and_shuffle(rng, m, cfg.rates["duplicate_event"]))
    event_ids = cols["event_id"]
    cols = {key: v.take(take) for key, v in cols.items()}
    return cols, np.asarray(event_ids.to_pylist(), dtype=object), rec[rec_of]


def make_support(rng: np.random.Generator, mess: Mess, pp: People, counters: dict[str, int],
                 cfg: C.GenConfig) -> tuple[Cols, np.ndarray]:
    n = pp.n
    who = np.flatnonzero((pp.role != C.ANONYMOUS) & (rng.random(n) < 0.15))
    k = 1 + (rng.random(len(who)) < 0.3)
    person = np.repeat(who, k)
    m = len(person)
    canon = np.where((pp.email2[person] != "") & (rng.random(m) < 0.3), pp.email2[person],
                     pp.email1[person])
    f, la = mess.names(pp.first[person], pp.last[person])
    name = np.array([f"{a} {b}" for a, b in zip(f, la, strict=True)], dtype=object)
    created = pp.signup_s[person] + (rng.random(m) * (cfg.end_s - 86400 * 3 - pp.signup_s[person])
                                     ).astype(np.int64)
    status = _pick(("solved", "solved", "closed", "open", "pending"), rng, m)
    done = (status == "solved") | (status == "closed")
    solved = created + rng.integers(600, 3 * 86400, m)
    solved_ts = mess.timestamps(solved)
    csat = np.where(done & (rng.random(m) < 0.6), rng.integers(1, 6, m).astype(str), None)
    cid = pp.customer_id[person]
    cols = {
        "ticket_id": ids("T-", counters["ticket"], m, 8),
        "requester_email": strs(mess.emails(canon, allow_missing=False)),
        "requester_phone": strs(mess.phones(pp.country[person],
                                            np.where(rng.random(m) < 0.3, pp.nsn[person], ""))),
        "requester_name": strs(name),
        "customer_id": strs(np.where((cid != "") & (rng.random(m) < 0.7), cid, None)),
        "channel": strs(_pick(("email", "chat", "phone", "web_form"), rng, m)),
        "category": strs(_pick(SUPPORT_CATEGORIES, rng, m)),
        "priority": strs(_pick(("low", "normal", "normal", "high", "urgent"), rng, m)),
        "status": strs(status), "created_at": mess.timestamps(created),
        "solved_at": pc.if_else(pa.array(done), solved_ts, pa.scalar(None, pa.string())),
        "csat_score": strs(csat.astype(object)),
    }
    counters["ticket"] += m
    return cols, person


COMMENTS = ("Great service, fast delivery!", "Would love more \"eco\" options", "ok",
            "Sizes run small; please fix", "Love the app — use it every day", "",
            "Prices went up, not happy", "Tolle Qualität, gerne wieder", "Très bien")


def make_survey(rng: np.random.Generator, mess: Mess, pp: People, counters: dict[str, int],
                cfg: C.GenConfig) -> tuple[Cols, np.ndarray]:
    n = pp.n
    who = np.flatnonzero((pp.role != C.ANONYMOUS) & (rng.random(n) < 0.2))
    k = 1 + (rng.random(len(who)) < 0.1)
    person = np.repeat(who, k)
    m = len(person)
    persona = pp.persona[person]
    interests, values = [], []
    ri = rng.integers(0, 1 << 30, (m, 4))
    for i in range(m):
        base = [INTERESTS[ri[i, 0] % len(INTERESTS)], INTERESTS[ri[i, 1] % len(INTERESTS)]]
        vals = [VALUES[ri[i, 2] % len(VALUES)]]
        if persona[i] == 1:
            base = ["fitness", "wellness"] + base[:1]
        elif persona[i] == 2:
            vals = ["sustainability"] + vals
            base = ["fashion"] + base[:1]
        elif persona[i] == 3:
            base = ["business", "productivity"]
        elif ri[i, 3] % 20 == 0:
            vals.append("sustainability")
        interests.append(";".join(dict.fromkeys(base)))
        values.append(";".join(dict.fromkeys(vals)))
    nps = rng.integers(0, 11, m)
    nps[persona > 0] = rng.integers(6, 11, int((persona > 0).sum()))
    pref = _pick(("email", "sms", "push", "social", "none"), rng, m)
    pref[persona == 1] = "push"
    pref[persona == 2] = "email"
    life = _pick(LIFESTYLES, rng, m)
    life[persona == 1] = "active"
    life[persona == 3] = "urban_professional"
    t = pp.signup_s[person] + (rng.random(m) * (cfg.end_s - pp.signup_s[person])).astype(np.int64)
    cid = pp.customer_id[person]
    cols = {
        "response_id": ids("SR-", counters["survey"], m, 8),
        "email": strs(mess.emails(pp.email1[person], allow_missing=False)),
        "customer_id": strs(np.where((cid != "") & (rng.random(m) < 0.5), cid, None)),
        "submitted_at": mess.timestamps(t),
        "nps_score": pa.array(nps.astype(np.int64)),
        "interests": strs(np.array(interests, dtype=object)),
        "values": strs(np.array(values, dtype=object)),
        "preferred_channel": strs(pref), "lifestyle": strs(life),
        "household_size": pa.array(rng.integers(1, 6, m).astype(np.int64)),
        "comment": strs(mess.maybe_missing(_pick(COMMENTS, rng, m))),
    }
    counters["survey"] += m
    return cols, person


def make_social(rng: np.random.Generator, mess: Mess, pp: People, counters: dict[str, int],
                cfg: C.GenConfig) -> tuple[Cols, np.ndarray]:
    n = pp.n
    p = np.where(pp.persona == 2, 0.08, np.where(pp.persona == 3, 0.3, 0.15))
    who = np.flatnonzero(rng.random(n) < p)
    platform = np.where(pp.persona[who] == 3, "linkedin",
                        _pick(("instagram", "tiktok", "x", "facebook"), rng, len(who))).astype(object)
    handle = np.array([f"@{ascii_slug(str(pp.first[i]))[:8] or 'user'}"
                       f"{ascii_slug(str(pp.last[i]))[:6]}_{(pp.gidx[i] * 31 + cfg.seed) % 100000}"
                       for i in who], dtype=object)
    linked = np.where((pp.email1[who] != "") & (rng.random(len(who)) < 0.3), pp.email1[who], "")
    linked_out = mess.emails(linked.astype(object), allow_missing=False)
    linked_out[linked == ""] = None
    k = 1 + rng.poisson(np.where(pp.persona[who] == 2, 1.0, 4.0))
    h = np.repeat(np.arange(len(who)), k)
    m = len(h)
    person = who[h]
    lo = np.maximum(pp.signup_s[person] - 60 * 86400, cfg.start_s)
    t = lo + (rng.random(m) * (cfg.end_s - lo)).astype(np.int64)
    sentiment = np.round(np.clip(rng.normal(0.3, 0.45, m), -1, 1), 2)
    cols = {
        "interaction_id": ids("SI", counters["social"], m, 9),
        "platform": strs(platform[h]), "handle": strs(handle[h]),
        "linked_email": strs(linked_out[h]),
        "interaction_type": strs(_pick(("follow", "like", "like", "comment", "share", "mention",
                                        "message"), rng, m)),
        "topic": strs(_pick(SOCIAL_TOPICS, rng, m)),
        "sentiment": strs(np.array([f"{v:.2f}" for v in sentiment], dtype=object)),
        "interaction_at": mess.timestamps(t, allow_future=True),
    }
    counters["social"] += m
    return cols, person


def make_erasure(rng: np.random.Generator, mess: Mess, pp: People, counters: dict[str, int],
                 cfg: C.GenConfig) -> tuple[Cols, np.ndarray]:
    n = pp.n
    person = np.flatnonzero((pp.role != C.ANONYMOUS) & (rng.random(n) < 0.005))
    m = len(person)
    choice = rng.integers(0, 3, m)
    has_cid = pp.customer_id[person] != ""
    has_phone = pp.nsn[person] != ""
    choice[(choice == 2) & ~has_cid] = 0
    choice[(choice == 1) & ~has_phone] = 0
    email = np.full(m, None, dtype=object)
    phone = np.full(m, None, dtype=object)
    cid = np.full(m, None, dtype=object)
    e = choice == 0
    email[e] = mess.emails(pp.email1[person[e]], allow_missing=False, allow_junk=False)
    ph = choice == 1
    variant = rng.integers(0, 8, m)
    for i in np.flatnonzero(ph):
        phone[i] = phone_formats(pp.country[person[i]], pp.nsn[person[i]], int(variant[i]), 10)
    cid[choice == 2] = pp.customer_id[person[choice == 2]]
    t = np.maximum(pp.signup_s[person], cfg.end_s - 200 * 86400) + rng.integers(0, 100 * 86400, m)
    cols = {"request_id": ids("ER-", counters["erasure"], m, 6), "email": strs(email),
            "phone": strs(phone), "customer_id": strs(cid),
            "regulation": strs(np.where(pp.country[person] == "US", "ccpa", "gdpr").astype(object)),
            "requested_at": mess.timestamps(np.minimum(t, cfg.end_s))}
    counters["erasure"] += m
    return cols, person
