{#-
    Every benefit code in the DREAM week columns of the configured window is in the seed
    dream_benefit_codes. Only the window's columns are read (the real file has ~1,800); a window
    column missing from the extract is reported by raw_columns_match_contract, not here.
-#}
{% test raw_dream_codes_in_seed(model) %}
    {% set window_columns = dream_week_columns_list() %}
    {% set failures %}
        with codes as (
            unpivot (select pnr, columns(lambda c: list_contains({{ window_columns }}, c)) from {{ model }})
            on columns(* exclude (pnr))
            into name week_column value benefit_code
        )

        select distinct '''' || benefit_code || ''' in ' || week_column || ' (pnr ' || pnr || ')' as example
        from codes
        where trim(benefit_code) <> ''
          and benefit_code not in (select benefit_code from {{ ref('dream_benefit_codes') }})
    {% endset %}
    {{ bad_input_summary(register_name(model), 'y_YYWW', 'unknown benefit code (not in seed dream_benefit_codes)', failures) }}
{% endtest %}
