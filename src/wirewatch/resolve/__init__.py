"""Resolve: decisions that need every document at once (actors, merged events)."""
