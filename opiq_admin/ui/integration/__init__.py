"""The Integration page and the guided enabling wizard."""
