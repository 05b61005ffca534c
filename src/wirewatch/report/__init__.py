"""Situation reports: key events, figures, quotes and disagreements, every statement cited."""
