"""wirewatch.extract"""
