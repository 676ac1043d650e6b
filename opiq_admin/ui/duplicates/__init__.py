"""The Duplicate accounts page: the review and the prevention report."""
