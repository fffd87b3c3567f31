"""Orchestration: persons in fixed-size chunks -> every source file + the truth files."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from tqdm import tqdm

from . import config as C
from .crm import make_crm
from .engagement import (
    make_campaigns,
    make_consent,
    make_email_events,
    make_erasure,
    make_social,
    make_support,
    make_survey,
)
from .linkability import LinkTracker
from .messiness import Mess
from .people import make_people
from .shop import catalog_columns, make_catalog, make_shop
from .web import make_app, make_web
from .writer import CONTRACT, TRUTH_RECORD_COLUMNS, CsvSink, load_fx, strs

TRUTH_PERSON_COLUMNS = (
    "person_id", "first_name", "last_name", "birth_date", "gender", "country", "city", "is_urban",
    "persona", "is_business", "company_size", "n_orders", "lifetime_revenue_eur",
    "has_erasure_request", "role", "household_id", "company_name", "emails", "phone_e164",
    "true_birth_date", "true_gender", "uses_shared_mailbox",
)


@dataclass
class RunStats:
    persons: int
    rows: dict[str, int]
    seconds: float

    @property
    def customers_per_minute(self) -> float:
        return self.persons / self.seconds * 60 if self.seconds > 0 else float("inf")


def resolve_truth_dir(out: Path, truth: Path | None) -> Path:
    out = out.resolve()
    truth = (truth or out.parent / "truth").resolve()
    if truth == out or out in truth.parents:
        raise ValueError(f"truth dir {truth} must not be inside the output dir {out}")
    return truth


def chunk_rng(seed: int, chunk: int) -> np.random.Generator:
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, chunk])))


def generate(cfg: C.GenConfig, out: Path, truth_dir: Path | None = None) -> RunStats:
    """Write every source CSV into ``out`` and the truth CSVs into ``truth_dir``."""
    t_start = time.perf_counter()
    out = Path(out)
    truth_dir = resolve_truth_dir(out, truth_dir)
    fx = load_fx()
    g_rng = chunk_rng(cfg.seed, 1 << 31)
    catalog = make_catalog(g_rng)
    campaigns = make_campaigns(g_rng, cfg)
    sink = CsvSink(out)
    tsink = CsvSink(truth_dir)
    sink.write("shop_products", catalog_columns(catalog), CONTRACT["shop_products"])
    counters = dict.fromkeys(("customer", "order", "order_line", "crm", "anon", "web", "device",
                              "app", "consent", "email", "ticket", "survey", "social",
                              "erasure"), 0)
    salt = cfg.seed % 9_999_991
    n_chunks = max(1, -(-cfg.customers // C.CHUNK_SIZE))
    bar = tqdm(total=cfg.customers, unit="persons", disable=not cfg.progress, desc="generate")
    try:
        for ci in range(n_chunks):
            offset = ci * C.CHUNK_SIZE
            n = min(C.CHUNK_SIZE, cfg.customers - offset)
            if n <= 0:
                break
            _chunk(chunk_rng(cfg.seed, ci), offset, n, cfg, salt, catalog, campaigns, fx,
                   counters, sink, tsink)
            bar.update(n)
    finally:
        bar.close()
        sink.close()
        tsink.close()
    rows = {name: sink.rows.get(name, 0) for name in CONTRACT}
    return RunStats(cfg.customers, rows, time.perf_counter() - t_start)


def _chunk(rng: np.random.Generator, offset: int, n: int, cfg: C.GenConfig, salt: int,
           catalog, campaigns, fx, counters: dict[str, int], sink: CsvSink,
           tsink: CsvSink) -> None:
    mess = Mess(rng, cfg.rates)
    pp = make_people(rng, offset, n, cfg, salt)
    truth: list[tuple[str, np.ndarray, np.ndarray]] = []  # (source, record ids, person index)
    link = LinkTracker(pp)  # reads the written columns only; never draws from rng

    shop_cols, orders, shop_truth = make_shop(rng, mess, pp, catalog, counters, cfg, fx)
    for name, cols in shop_cols.items():
        sink.write(name, cols, CONTRACT[name])
    acct = shop_truth["account_index"]
    truth.append(("shop_customers", pp.customer_id[acct], acct))
    truth.append(("shop_orders", orders.order_id, orders.person))
    sc, so = shop_cols["shop_customers"], shop_cols["shop_orders"]
    link.add("shop_customers", acct, emails=(sc["email"],), phones=(sc["phone"],),
             cids=(sc["customer_id"],),
             named=_present(sc["first_name"]) & _present(sc["last_name"])
             & (_present(sc["postal_code"]) | _present(sc["city"])))
    link.add("shop_orders", orders.person, emails=(so["email"],), phones=(so["phone"],),
             cids=(so["customer_id"],))

    crm_cols, crm_person, observed = make_crm(rng, mess, pp, counters, cfg)
    sink.write("crm_contacts", crm_cols, CONTRACT["crm_contacts"])
    truth.append(("crm_contacts", _ids(crm_cols["contact_id"]), crm_person))
    link.add("crm_contacts", crm_person, emails=(crm_cols["email"],), phones=(crm_cols["phone"],),
             named=_present(crm_cols["first_name"]) & _present(crm_cols["last_name"])
             & (_present(crm_cols["postal_code"]) | _present(crm_cols["street"])
                | _present(crm_cols["birth_date"])))

    web_cols, anon_ids, anon_person = make_web(rng, mess, pp, catalog, orders, counters, cfg)
    sink.write("web_events", web_cols, CONTRACT["web_events"])
    truth.append(("web_events", anon_ids, anon_person))
    rows = _record_of(web_cols["anonymous_id"], anon_ids)
    seen = np.zeros(len(anon_ids), dtype=bool)  # any user_id or identify event on the anon id
    identify = pc.equal(web_cols["event_type"], "identify").fill_null(False)
    seen[rows[_present(web_cols["user_id"]) | identify.to_numpy(zero_copy_only=False)]] = True
    link.add("web_events", anon_person, rows=rows, emails=(web_cols["email"],),
             cids=(web_cols["user_id"],),
             fallback=np.where(seen, None, "never_identified_visitor").astype(object))

    app_cols, dev_ids, dev_person = make_app(rng, mess, pp, counters, cfg)
    sink.write("app_events", app_cols, CONTRACT["app_events"])
    truth.append(("app_events", dev_ids, dev_person))
    rows = _record_of(app_cols["device_id"], dev_ids)
    seen = np.zeros(len(dev_ids), dtype=bool)
    seen[rows[_present(app_cols["user_id"])]] = True
    link.add("app_events", dev_person, rows=rows, cids=(app_cols["user_id"],),
             fallback=np.where(seen, None, "never_signed_in_device").astype(object))

    sup_cols, sup_person = make_support(rng, mess, pp, counters, cfg)
    sink.write("support_tickets", sup_cols, CONTRACT["support_tickets"])
    truth.append(("support_tickets", _ids(sup_cols["ticket_id"]), sup_person))
    link.add("support_tickets", sup_person, emails=(sup_cols["requester_email"],),
             phones=(sup_cols["requester_phone"],), cids=(sup_cols["customer_id"],))

    sur_cols, sur_person = make_survey(rng, mess, pp, counters, cfg)
    sink.write("survey_responses", sur_cols, CONTRACT["survey_responses"])
    truth.append(("survey_responses", _ids(sur_cols["response_id"]), sur_person))
    link.add("survey_responses", sur_person, emails=(sur_cols["email"],),
             cids=(sur_cols["customer_id"],))

    con_cols, con_person, grant, w_time = make_consent(rng, mess, pp, counters, cfg)
    em_cols, em_ids, em_person = make_email_events(rng, mess, pp, campaigns, grant, w_time,
                                                   counters, cfg)
    sink.write("email_events", em_cols, CONTRACT["email_events"])
    truth.append(("email_events", em_ids, em_person))
    link.add("email_events", em_person, rows=_record_of(em_cols["event_id"], em_ids),
             emails=(em_cols["email"],))

    soc_cols, soc_person = make_social(rng, mess, pp, counters, cfg)
    sink.write("social_interactions", soc_cols, CONTRACT["social_interactions"])
    truth.append(("social_interactions", _ids(soc_cols["interaction_id"]), soc_person))
    link.add("social_interactions", soc_person, emails=(soc_cols["linked_email"],),
             unit_key=soc_cols["handle"],
             fallback=np.full(len(soc_person), "handle_without_email", dtype=object))

    sink.write("consent_events", con_cols, CONTRACT["consent_events"])
    truth.append(("consent_events", _ids(con_cols["consent_id"]), con_person))
    link.add("consent_events", con_person, emails=(con_cols["email"],), phones=(con_cols["phone"],),
             cids=(con_cols["customer_id"],))

    er_cols, er_person = make_erasure(rng, mess, pp, counters, cfg)
    sink.write("erasure_requests", er_cols, CONTRACT["erasure_requests"])
    truth.append(("erasure_requests", _ids(er_cols["request_id"]), er_person))
    link.add("erasure_requests", er_person, emails=(er_cols["email"],), phones=(er_cols["phone"],),
             cids=(er_cols["customer_id"],))
    assert link.sources == [(t[0], len(t[1])) for t in truth]

    src = np.concatenate([np.full(len(t[1]), t[0], dtype=object) for t in truth])
    rid = np.concatenate([np.asarray(t[1], dtype=object) for t in truth])
    pid = np.concatenate([pp.person_id[t[2]] for t in truth])
    tsink.write("truth_records", {"source": strs(src), "source_record_id": strs(rid),
                                  "person_id": strs(pid), **link.flags()}, TRUTH_RECORD_COLUMNS)
    tsink.write("truth_persons", _truth_persons(pp, shop_truth, observed, er_person, truth),
                TRUTH_PERSON_COLUMNS)


def _ids(arr: pa.Array) -> np.ndarray:
    return np.asarray(arr.to_pylist(), dtype=object)


def _present(arr: pa.Array) -> np.ndarray:
    """Written value is neither null nor blank."""
    filled = pc.utf8_trim_whitespace(arr.fill_null(""))
    return pc.not_equal(filled, "").to_numpy(zero_copy_only=False)


def _record_of(keys: pa.Array, record_ids: np.ndarray) -> np.ndarray:
    """Index into ``record_ids`` of every written row's key (all keys must be known)."""
    idx = pc.index_in(keys, value_set=pa.array(record_ids, pa.string()))
    assert idx.null_count == 0
    return idx.to_numpy(zero_copy_only=False).astype(np.int64)


def _truth_persons(pp, shop_truth, observed, er_person, truth) -> dict[str, pa.Array]:
    """True attributes, blanked where no source record could reveal them."""
    n = pp.n
    named = np.zeros(n, dtype=bool)
    located = np.zeros(n, dtype=bool)
    for source, _, person in truth:
        if source in ("shop_customers", "crm_contacts", "support_tickets"):
            named[person] = True
        if source in ("shop_customers", "crm_contacts", "shop_orders"):
            located[person] = True
    birth_obs, gender_obs = observed
    erasure = np.zeros(n, dtype=bool)
    erasure[er_person] = True
    revenue = np.round(shop_truth["revenue"], 2)
    emails = np.array([";".join(e for e in (a, b) if e) for a, b in
                       zip(pp.email1, pp.email2, strict=True)], dtype=object)
    cc = {"DE": "49", "FR": "33", "GB": "44", "US": "1", "SE": "46", "NL": "31", "ES": "34",
          "IT": "39"}
    e164 = np.array([f"+{cc[c]}{s}" if s else None for c, s in zip(pp.country, pp.nsn,
                                                                    strict=True)], dtype=object)
    birth = np.datetime_as_string(pp.birth, unit="D").astype(object)

    def blank(values: np.ndarray, keep: np.ndarray) -> pa.Array:
        return strs(np.where(keep, values, None).astype(object))

    return {
        "person_id": strs(pp.person_id),
        "first_name": blank(pp.first, named), "last_name": blank(pp.last, named),
        "birth_date": blank(birth, birth_obs), "gender": blank(pp.gender, gender_obs),
        "country": blank(pp.country, located), "city": blank(pp.city, located),
        "is_urban": pa.array(np.where(located, pp.is_urban, None).tolist(), pa.bool_()),
        "persona": strs(np.array(C.PERSONAS, dtype=object)[pp.persona]),
        "is_business": pa.array(pp.persona == 3),
        "company_size": pa.array(np.where(pp.company_size > 0, pp.company_size, None).tolist(),
                                 pa.int64()),
        "n_orders": pa.array(shop_truth["n_orders"].astype(np.int64)),
        "lifetime_revenue_eur": strs(np.array([f"{v:.2f}" for v in revenue], dtype=object)),
        "has_erasure_request": pa.array(erasure),
        "role": strs(np.array(C.ROLE_NAMES, dtype=object)[pp.role]),
        "household_id": strs(np.where(pp.household != "", pp.household, None).astype(object)),
        "company_name": strs(np.where(pp.company != "", pp.company, None).astype(object)),
        "emails": strs(np.where(emails != "", emails, None).astype(object)),
        "phone_e164": strs(e164),
        "true_birth_date": strs(birth), "true_gender": strs(pp.gender),
        "uses_shared_mailbox": pa.array(pp.mailbox_group.astype(bool)),
    }
