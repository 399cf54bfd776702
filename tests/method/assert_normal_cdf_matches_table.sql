-- The SQL normal distribution function (macro normal_cdf, METHOD §8.10) against the standard normal table
-- (values of Φ to 7 decimals, e.g. Φ(1.959964) = 0.975): every point within 2e-7, symmetric Φ(−x) = 1 − Φ(x), and
-- Φ(0) = 0.5 exactly. Returns the failing points.
with points (x, expected) as (
    values
    (0.0, 0.5),
    (0.5, 0.6914625),
    (1.0, 0.8413447),
    (1.644854, 0.95),
    (1.959964, 0.975),
    (-1.959964, 0.025),
    (2.575829, 0.995),
    (3.0, 0.9986501),
    (-3.0, 0.0013499),
    (-0.25, 0.4012937),
    (6.0, 0.9999999990)
),

computed as (
    select
        x,
        expected,
        {{ normal_cdf('x') }} as phi,
        {{ normal_cdf('-x') }} as phi_mirror
    from points
)

select *
from computed
where
    abs(phi - expected) > 2e-7
    or abs(phi + phi_mirror - 1) > 1e-12
    or (x = 0 and phi != 0.5)
