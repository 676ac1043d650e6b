"""The remedy of approved duplicate pairs and its write-ahead log."""
