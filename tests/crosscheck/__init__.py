"""Tests of factcheck.crosscheck."""
