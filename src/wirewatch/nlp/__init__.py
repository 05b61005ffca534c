"""wirewatch.nlp"""
