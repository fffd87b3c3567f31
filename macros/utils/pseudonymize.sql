{#- Salted SHA-256 (hex) of a normalized identifier: a stable pseudonym that
    joins across marts without exposing the value. The salt comes from env var
    C360_PSEUDONYM_SALT; on the dev target a documented default is used, on any
    other target the variable is required. -#}
{% macro pseudonymize(expr) -%}
    {{ sha256_hex("'" ~ pseudonym_salt() ~ "' || " ~ expr) }}
{%- endmacro %}

{% macro pseudonym_salt() -%}
    {%- set salt = env_var('C360_PSEUDONYM_SALT', '') -%}
    {%- if salt == '' -%}
        {%- if target.name == 'dev' or target.name.startswith('test') -%}
            {%- set salt = 'c360-dev-salt-not-secret' -%}
        {%- else -%}
            {{ exceptions.raise_compiler_error("env var C360_PSEUDONYM_SALT is required on target '" ~ target.name ~ "'") }}
        {%- endif -%}
    {%- endif -%}
    {%- if "'" in salt -%}
        {{ exceptions.raise_compiler_error("C360_PSEUDONYM_SALT must not contain a quote") }}
    {%- endif -%}
    {{ return(salt) }}
{%- endmacro %}
