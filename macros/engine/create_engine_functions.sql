{#- Helper functions an engine lacks, created on-run-start (idempotent).
    PostgreSQL: c360_try_cast(text, null::<type>) -> the value cast to <type>, or
    null when the text is not a valid <type> (DuckDB's try_cast; plpgsql assignment
    runs the type's input function, an exception yields null). Timestamps are read
    in UTC. Types `double` and `string` (DuckDB's and Spark's names, written in
    models, seeds and contracts): domains over double precision and text.
    levenshtein(): extension fuzzystrmatch (contrib). jaro_winkler_similarity(a, b):
    a copy of DuckDB's built-in, over UTF-8 bytes (macro string_similarity). DuckDB
    needs nothing. log(base, x) on double precision (PostgreSQL has it on numeric
    only), round(x, digits) on double precision (likewise); DuckDB's date_diff(part,
    a, b) (boundaries crossed: day, month, year), to_minutes(n), hour(ts),
    isodow(ts), contains(text, text),
    month(date), day(date), regexp_extract(text, pattern, group), string_split(text,
    sep), list_contains(array, value) and the aggregate median(double precision). -#}
{% macro create_engine_functions() -%}
    {{ return(adapter.dispatch('create_engine_functions', 'customer360')()) }}
{%- endmacro %}

{% macro default__create_engine_functions() -%}
    select 1 as nothing_to_create
{%- endmacro %}

{% macro postgres__create_engine_functions() -%}
    create or replace function public.c360_try_cast(value text, target anyelement)
    returns anyelement language plpgsql immutable set timezone to 'UTC' as $c360$
    declare
        result alias for $0;
    begin
        result := value;
        return result;
    exception when others then
        return null;
    end
    $c360$;
    create extension if not exists fuzzystrmatch with schema public;
    create or replace function public.jaro_winkler_similarity(a text, b text)
    returns double precision language plpgsql immutable strict parallel safe as $c360$
    declare
        x1 bytea := convert_to(a, 'UTF8');
        x2 bytea := convert_to(b, 'UTF8');
        l1 integer := length(x1);
        l2 integer := length(x2);
        bound integer := greatest(greatest(l1, l2) / 2 - 1, 0);
        matched1 boolean[] := array_fill(false, array[greatest(l1, 1)]);
        matched2 boolean[] := array_fill(false, array[greatest(l2, 1)]);
        m integer := 0;
        t integer := 0;
        k integer := 0;
        p integer := 0;
        jaro double precision;
    begin
        if l1 = 0 or l2 = 0 then
            return 0.0;
        end if;
        for i in 0 .. l1 - 1 loop
            for j in greatest(0, i - bound) .. least(l2 - 1, i + bound) loop
                if not matched2[j + 1] and get_byte(x2, j) = get_byte(x1, i) then
                    matched1[i + 1] := true;
                    matched2[j + 1] := true;
                    m := m + 1;
                    exit;
                end if;
            end loop;
        end loop;
        if m = 0 then
            return 0.0;
        end if;
        for i in 0 .. l1 - 1 loop
            if matched1[i + 1] then
                while not matched2[k + 1] loop
                    k := k + 1;
                end loop;
                if get_byte(x1, i) <> get_byte(x2, k) then
                    t := t + 1;
                end if;
                k := k + 1;
            end if;
        end loop;
        jaro := (cast(m as double precision) / l1 + cast(m as double precision) / l2
            + cast(m - t / 2 as double precision) / m) / 3;
        if jaro <= 0.7 then
            return jaro;
        end if;
        while p < least(4, l1, l2) and get_byte(x1, p) = get_byte(x2, p) loop
            p := p + 1;
        end loop;
        return jaro + p * cast(0.1 as double precision) * (1.0 - jaro);
    end
    $c360$;
    create or replace function public.round(value double precision, digits integer)
    returns double precision language sql immutable as $c360$ select round(cast(value as numeric), digits)::double precision $c360$;
    create or replace function public.date_diff(part text, a timestamp, b timestamp)
    returns bigint language sql immutable as $c360$
        select case lower(part)
            when 'day' then cast(b as date) - cast(a as date)
            when 'month' then (extract(year from b) - extract(year from a)) * 12 + extract(month from b) - extract(month from a)
            when 'year' then extract(year from b) - extract(year from a)
        end
    $c360$;
    create or replace function public.date_diff(part text, a date, b date)
    returns bigint language sql immutable as $c360$ select public.date_diff(part, cast(a as timestamp), cast(b as timestamp)) $c360$;
    create or replace function public.to_minutes(n bigint)
    returns interval language sql immutable as $c360$ select make_interval(mins => cast(n as integer)) $c360$;
    create or replace function public.hour(ts timestamp)
    returns bigint language sql immutable as $c360$ select cast(extract(hour from ts) as bigint) $c360$;
    create or replace function public.isodow(ts timestamp)
    returns bigint language sql immutable as $c360$ select cast(extract(isodow from ts) as bigint) $c360$;
    create or replace function public.contains(haystack text, needle text)
    returns boolean language sql immutable as $c360$ select strpos(haystack, needle) > 0 $c360$;
    create or replace function public.month(d date)
    returns bigint language sql immutable as $c360$ select cast(extract(month from d) as bigint) $c360$;
    create or replace function public.day(d date)
    returns bigint language sql immutable as $c360$ select cast(extract(day from d) as bigint) $c360$;
    create or replace function public.regexp_extract(value text, pattern text, match_group integer)
    returns text language sql immutable as $c360$ select coalesce((regexp_match(value, pattern))[match_group], '') $c360$;
    create or replace function public.string_split(value text, separator text)
    returns text[] language sql immutable as $c360$ select string_to_array(value, separator) $c360$;
    create or replace function public.list_contains(items anyarray, item anyelement)
    returns boolean language sql immutable as $c360$ select item = any(items) $c360$;
    create or replace function public.c360_median_final(items double precision[])
    returns double precision language sql immutable as $c360$
        select percentile_cont(0.5) within group (order by item) from unnest(items) as item
    $c360$;
    do $c360$ begin
        create aggregate public.median(double precision) (
            sfunc = array_append, stype = double precision[], finalfunc = public.c360_median_final
        );
    exception when duplicate_function then null;
    end $c360$;
    create or replace function public.log(base integer, value double precision)
    returns double precision language sql immutable as $c360$ select ln(value) / ln(base) $c360$;
    do $c360$ begin
        create domain public.double as double precision;
    exception when duplicate_object then null;
    end $c360$;
    do $c360$ begin
        create domain public.string as text;
    exception when duplicate_object then null;
    end $c360$
{%- endmacro %}

{#- Spark: session-scoped SQL functions (Spark 4), one statement each, for the
    DuckDB functions models call that Spark lacks: to_minutes(n), isodow(ts),
    string_split(text, sep) (sep is a plain text, not a regex) and
    list_contains(array, value). Created in the dbt process's Spark session on
    every run (temporary functions do not outlive it). -#}
{% macro spark__create_engine_functions() -%}
    {%- if execute -%}
        {%- do run_query("create or replace temporary function to_minutes(n int) returns interval day to second "
            ~ "return make_dt_interval(0, 0, n, 0)") -%}
        {%- do run_query("create or replace temporary function isodow(ts timestamp) returns bigint "
            ~ "return cast(extract(dayofweek_iso from ts) as bigint)") -%}
        {%- do run_query("create or replace temporary function string_split(value string, separator string) "
            ~ "returns array<string> return split(value, concat('\\\\Q', separator, '\\\\E'))") -%}
        {%- do run_query("create or replace temporary function list_contains(items array<string>, item string) "
            ~ "returns boolean return array_contains(items, item)") -%}
    {%- endif -%}
    select 1 as engine_functions_created
{%- endmacro %}
