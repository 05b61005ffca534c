"""wirewatch.report"""
