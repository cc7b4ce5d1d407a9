"""Differential testing of Tributary's query engine against SQLite (see test_differential.py)."""
