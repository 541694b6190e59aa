"""Reads of visits: lists and pages, each through permissions' scopes."""
