"""The remedy window and the offer to finish an unfinished remedy."""
