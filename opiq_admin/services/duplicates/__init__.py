"""Duplicate accounts: the record reader, the matching engine, the review and its decisions, the
prevention report.
"""
