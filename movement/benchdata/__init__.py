"""A province-sized dataset for benchmarks (`manage.py bench_data`, `make bench-data`).

Built with bulk inserts in batches, deterministic for a seed, and only on a
database that holds nothing but demo and bench accounts (see guard.py). Every
account it makes is named ``bench-…``; every unit code starts with ``BENCH``.
Split by concern: places, people, learning (courses), classes, credentials
(attempts and certificates) and the movement's figures."""
