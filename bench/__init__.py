"""The benchmark behind ``make bench``; run it as ``python bench/run_bench.py`` (see that file)."""
