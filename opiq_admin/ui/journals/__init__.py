"""The Journals page: the table, the detail pane and the actions."""
