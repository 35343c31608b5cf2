"""Helpers shared by the test tiers (a live server, the seed tutorials, JSON shape checks)."""
