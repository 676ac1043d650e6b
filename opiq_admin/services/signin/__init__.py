"""Signing in: OAuth 2.0 with PKCE, the loopback listener, the keyring, and the connection that
keeps one system signed in.
"""
