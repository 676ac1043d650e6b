"""Duplicate-account matching: which unlinked Opiq account and which eKool-linked one are
one person. Pure Python, so the CLI, the GUI and the benchmark share one engine."""

from opiq_admin.services.duplicates.matching.engine import Candidate, ScanResult, scan, scan_file
from opiq_admin.services.duplicates.matching.names import fold, match_parts, skeleton

__all__ = [
    "Candidate",
    "ScanResult",
    "fold",
    "match_parts",
    "scan",
    "scan_file",
    "skeleton",
]
