"""Tests of factcheck.sources."""
