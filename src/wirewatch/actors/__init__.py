"""wirewatch.actors"""
