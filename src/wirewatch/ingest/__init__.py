"""wirewatch.ingest"""
