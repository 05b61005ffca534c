"""wirewatch.views"""
