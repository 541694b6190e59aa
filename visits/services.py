"""Writes of visits: one service per change, each checking its actor (permissions.py)."""
