"""Tests of factcheck.extract."""
