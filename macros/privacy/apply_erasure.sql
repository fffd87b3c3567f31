{#- The erasure step (`dbt run-operation apply_erasure`), between the resolve pass
    (`dbt run -s +int_privacy__erased_records`) and the full build; the command
    `python -m python_helpers build` runs all three. In one transaction:
    1. privacy.erasure_log gets one row per request, kind and source with the
       records removed (int_privacy__erasure_log_entries);
    2. privacy.suppression_list gets the salted hashes of every erased record
       key and usable identifier (int_privacy__suppression_candidates);
    3. every raw table loses the erased records (privacy_raw_purge_targets;
       the rows deleted are counted in raw._load_erasures for the quality
       accounting), and raw._load_rejects the unparseable lines that quote an
       erased email or shop account id (int_privacy__erased_identifiers).
    4. every snapshot (profile history) loses every version of the erased
       customers: a snapshot is never rebuilt, and in the following build
       int_privacy__erased_records is empty again (the raw rows are gone).
    The following full build then never sees them. Idempotent: a second run
    finds nothing to erase.
    Spark (parquet tables, no Delta): no delete and no transaction; each table
    is rewritten without the erased rows (spark__apply_erasure). -#}
{% macro apply_erasure() -%}
    {{ return(adapter.dispatch('apply_erasure', 'customer360')()) }}
{%- endmacro %}

{% macro default__apply_erasure() -%}
    {%- set raw_schema = var('raw_schema', 'raw') -%}
    {%- set erased = ref('int_privacy__erased_records') -%}
    {%- set statements = [] -%}
    {%- do statements.append(
        "insert into privacy.erasure_log (erasure_request_id, erasure_kind, regulation, requested_at, processed_as_of, source, records_removed) "
        ~ "select erasure_request_id, erasure_kind, regulation, requested_at, processed_as_of, source, records_removed from "
        ~ ref('int_privacy__erasure_log_entries')
    ) -%}
    {%- do statements.append(
        "insert into privacy.suppression_list (suppression_hash, hash_kind, erasure_request_id, added_as_of) "
        ~ "select suppression_hash, hash_kind, erasure_request_id, added_as_of from "
        ~ ref('int_privacy__suppression_candidates')
    ) -%}
    {%- for source_table, id_column in privacy_raw_purge_targets().items() -%}
        {%- set purged = raw_schema ~ "." ~ source_table ~ " where " ~ clean_text(id_column)
            ~ " in (select source_record_id from " ~ erased ~ " where source = '" ~ source_table ~ "')" -%}
        {%- do statements.append(
            "insert into " ~ raw_schema ~ "._load_erasures (source_table, rows_erased) select '"
            ~ source_table ~ "', count(*) from " ~ purged
        ) -%}
        {%- do statements.append("delete from " ~ purged) -%}
    {%- endfor -%}
    {#- unparseable CSV lines kept by the loader that quote an erased email or shop account id -#}
    {%- do statements.append(
        "delete from " ~ raw_schema ~ "._load_rejects where exists (select 1 from "
        ~ ref('int_privacy__erased_identifiers') ~ " as erased_identifiers where "
        ~ "strpos(lower(_load_rejects.csv_line), erased_identifiers.identifier_value) > 0)"
    ) -%}
    {#- history: snapshots keyed by customer_id, when they exist already (looked up with
        run_query: adapter.get_relation would open the transaction begun below) -#}
    {%- for node in graph.nodes.values() | selectattr('resource_type', 'equalto', 'snapshot') -%}
        {%- set found = run_query(
            "select count(*) from information_schema.tables where table_schema = '" ~ node.schema
            ~ "' and table_name = '" ~ node.alias ~ "'") -%}
        {%- if found.columns[0].values()[0] | int > 0 -%}
            {%- do statements.append(
                "delete from " ~ node.schema ~ "." ~ node.alias
                ~ " where customer_id in (select customer_id from " ~ erased ~ ")"
            ) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set counted = run_query("select count(*) from " ~ erased) -%}
    {%- set n_records = counted.columns[0].values()[0] -%}
    {%- do run_query("begin") -%}
    {%- for statement in statements -%}
        {%- do run_query(statement) -%}
    {%- endfor -%}
    {%- do run_query("commit") -%}
    {{ log("apply_erasure: " ~ n_records ~ " source records erased", info=true) }}
{%- endmacro %}

{#- Spark: parquet tables cannot delete rows. Each table that loses rows is
    rewritten: the rows kept go to a scratch parquet table, then `insert
    overwrite` puts them back (a table cannot be overwritten from a query that
    reads it). Same steps and order as above; no transaction (Spark has none). -#}
{% macro spark__apply_erasure() -%}
    {%- set raw_schema = var('raw_schema', 'raw') -%}
    {%- set erased = ref('int_privacy__erased_records') -%}
    {%- set counted = run_query("select count(*) from " ~ erased) -%}
    {%- set n_records = counted.columns[0].values()[0] -%}
    {%- do run_query(
        "insert into privacy.erasure_log (erasure_request_id, erasure_kind, regulation, requested_at, processed_as_of, source, records_removed) "
        ~ "select erasure_request_id, erasure_kind, regulation, requested_at, processed_as_of, source, records_removed from "
        ~ ref('int_privacy__erasure_log_entries')
    ) -%}
    {%- do run_query(
        "insert into privacy.suppression_list (suppression_hash, hash_kind, erasure_request_id, added_as_of) "
        ~ "select suppression_hash, hash_kind, erasure_request_id, added_as_of from "
        ~ ref('int_privacy__suppression_candidates')
    ) -%}
    {%- for source_table, id_column in privacy_raw_purge_targets().items() -%}
        {%- set is_erased = "exists (select 1 from " ~ erased ~ " as erased_records where erased_records.source = '"
            ~ source_table ~ "' and erased_records.source_record_id = " ~ clean_text('raw_rows.' ~ id_column) ~ ")" -%}
        {%- do run_query(
            "insert into " ~ raw_schema ~ "._load_erasures (source_table, rows_erased) select '"
            ~ source_table ~ "', count(*) from " ~ raw_schema ~ "." ~ source_table ~ " as raw_rows where " ~ is_erased
        ) -%}
        {%- do spark_rewrite_keeping(raw_schema ~ "." ~ source_table, "not " ~ is_erased) -%}
    {%- endfor -%}
    {%- do spark_rewrite_keeping(raw_schema ~ "._load_rejects",
        "not exists (select 1 from " ~ ref('int_privacy__erased_identifiers') ~ " as erased_identifiers where "
        ~ "instr(lower(raw_rows.csv_line), erased_identifiers.identifier_value) > 0)") -%}
    {%- for node in graph.nodes.values() | selectattr('resource_type', 'equalto', 'snapshot') -%}
        {%- if adapter.get_relation(database=node.database, schema=node.schema, identifier=node.alias) is not none -%}
            {%- do spark_rewrite_keeping(node.schema ~ "." ~ node.alias,
                "not exists (select 1 from " ~ erased ~ " as erased_records where erased_records.customer_id = raw_rows.customer_id)") -%}
        {%- endif -%}
    {%- endfor -%}
    {{ log("apply_erasure: " ~ n_records ~ " source records erased", info=true) }}
{%- endmacro %}

{#- Spark: rewrite `relation` (aliased raw_rows in `keep_condition`) with only the
    rows where keep_condition holds. -#}
{% macro spark_rewrite_keeping(relation, keep_condition) -%}
    {#- a table folder named _* would be ignored by Spark: the scratch name starts with c360 -#}
    {%- set parts = relation.split(".") -%}
    {%- set scratch = parts[0] ~ ".c360_kept_" ~ parts[1].lstrip("_") -%}
    {%- do run_query("drop table if exists " ~ scratch) -%}
    {%- do run_query("create table " ~ scratch ~ " using parquet as select * from " ~ relation
        ~ " as raw_rows where " ~ keep_condition) -%}
    {%- do run_query("insert overwrite table " ~ relation ~ " select * from " ~ scratch) -%}
    {%- do run_query("drop table if exists " ~ scratch) -%}
{%- endmacro %}
