{#-
    Bilag 2 Tabel 1 (METHOD §6.3–6.4, §7): per analysed municipality and nationally, the actual and expected
    share on public benefits 3 months after rehab start, the indicator (points), its quintile (1 = best),
    flag and rank interval. Disclosure control: persons and the actual share from the suppressed cells; the
    expected share, indicator, interval, rank, rank interval, quintile and flag only where the actual share is
    published, ranked among the published municipalities (int_benchmark_units_published,
    benchmark_published_rank_intervals).
-#}
{{ benchmark_publication([var('headline_month')], with_horizon=false) }}
