"""Reads of the oversight app: the areas' figures for the job (figures), the snapshots for pages (overview)."""
