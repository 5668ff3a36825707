"""Tests of factcheck.factsheet."""
