"""The main window, its menus and dialogs, and signing in from it."""
