{#-
    The benchmark at every public horizon (METHOD §6.5): Bilag 2 Tabel 1's figures at 2 months, the headline
    month and 6 months (publication_benchmark_months), one row per horizon and analysed municipality plus a
    national row per horizon — the report's "identical benchmark analysis" at 2 and 6 months (Bilag 3 §6).
    Disclosure control as Bilag 2 Tabel 1: persons and the actual share from the suppressed cells; the expected
    share, indicator, interval, rank, rank interval, quintile and flag only where that horizon's actual share is
    published, ranked among the municipalities published at that horizon (int_benchmark_units_published,
    benchmark_published_rank_intervals).
-#}
{{ benchmark_publication(publication_benchmark_months()) }}
