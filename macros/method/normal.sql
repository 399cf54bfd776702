{% macro normal_cdf(x) -%}
    {#- METHOD §8.10: Φ(x) = 0.5 · (1 + erf(x / √2)), erf by Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7):
        erf(u) = sign(u) · (1 − (a1 t + a2 t² + a3 t³ + a4 t⁴ + a5 t⁵) · exp(−u²)), t = 1 / (1 + p·|u|). -#}
    {%- set u = '((' ~ x ~ ') / sqrt(2.0))' -%}
    {%- set t = '(1.0 / (1.0 + 0.3275911 * abs(' ~ u ~ ')))' -%}
    (0.5 * (1.0 + sign({{ u }}) * (1.0 - (
        0.254829592 * {{ t }}
        - 0.284496736 * power({{ t }}, 2)
        + 1.421413741 * power({{ t }}, 3)
        - 1.453152027 * power({{ t }}, 4)
        + 1.061405429 * power({{ t }}, 5)
    ) * exp(-power({{ u }}, 2)))))
{%- endmacro %}
