"""Enabling the eKool integration: the check of each school, the guided steps, the advice and the
support report.
"""
