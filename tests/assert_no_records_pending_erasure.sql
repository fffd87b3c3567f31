/*
    Fails (on every target but dev, where it warns) when the build holds records
    of a person to erase: an erasure request not yet carried out, or a suppressed
    person whose data reappeared. Carry it out with `python -m python_helpers
    build` (resolve pass, `dbt run-operation apply_erasure`, full build).
    Returns record keys as hashes only.
*/
{{ config(severity=('warn' if target.name == 'dev' else 'error')) }}

select
    erasure_request_id,
    erasure_kind,
    source,
    record_key_hash
from {{ ref('int_privacy__erased_records') }}
