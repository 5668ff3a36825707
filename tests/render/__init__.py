"""Tests of factcheck.render."""
