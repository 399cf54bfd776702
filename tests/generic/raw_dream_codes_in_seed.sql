{#-
    Every benefit code in the DREAM week columns of the configured window is in the seed
    dream_benefit_codes. Only the window's columns are read (the real file has ~1,800).
-#}
{% test raw_dream_codes_in_seed(model) %}
    {% set failures %}
        with codes as (
            unpivot (select pnr, columns('^y_\d{4}$') from {{ model }})
            on columns('^y_\d{4}$')
            into name dream_column value benefit_code
        )

        select distinct '''' || codes.benefit_code || ''' in ' || codes.dream_column || ' (pnr ' || codes.pnr || ')' as example
        from codes
        inner join ({{ dream_week_window() }}) as window_weeks on codes.dream_column = window_weeks.dream_column
        where trim(codes.benefit_code) <> ''
          and codes.benefit_code not in (select benefit_code from {{ ref('dream_benefit_codes') }})
    {% endset %}
    {{ bad_input_summary(register_name(model), 'y_YYWW', 'unknown benefit code (not in seed dream_benefit_codes)', failures) }}
{% endtest %}
