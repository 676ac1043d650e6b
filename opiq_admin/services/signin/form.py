"""Reading an HTML sign-in form, so practice mode can sign in without a browser.

Only what a plain login form needs: the first form's action and method, and its inputs
(hidden ones carry the OAuth parameters through the POST).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin


@dataclass
class SignInForm:
    action: str
    method: str = "POST"
    fields: dict[str, str] = field(default_factory=dict)
    user_field: str = "username"
    password_field: str = "password"  # noqa: S105  (a field name)

    def filled(self, username: str, password: str) -> dict[str, str]:
        return {**self.fields, self.user_field: username, self.password_field: password}


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict[str, Any]] = []
        self._in_form = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._in_form = True
            self.forms.append({"action": a.get("action", ""),
                               "method": a.get("method", "post"), "inputs": []})
        elif tag in ("input", "button") and self._in_form and a.get("name"):
            if tag == "button" and not a.get("type"):
                a["type"] = "submit"
            self.forms[-1]["inputs"].append(a)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._in_form = False


def parse_sign_in_form(page: str, page_url: str) -> SignInForm:
    """The form of a sign-in page; `ValueError` when the page has none with a password."""
    parser = _FormParser()
    parser.feed(page)
    for form in parser.forms:
        inputs = form["inputs"]
        password = next((i["name"] for i in inputs if i.get("type") == "password"), None)
        if password is None:
            continue
        user = next((i["name"] for i in inputs
                     if i.get("type", "text") in ("text", "email") and i["name"] != password),
                    "username")
        fields = {i["name"]: i.get("value", "") for i in inputs
                  if i.get("type") not in ("submit", "button", "image", "reset")
                  and i["name"] not in (user, password)}
        # A person presses the first submit button (e.g. "Logi sisse", not "Katkesta").
        submit = next((i for i in inputs if i.get("type") == "submit"), None)
        if submit is not None:
            fields[submit["name"]] = submit.get("value", "")
        action = urljoin(page_url, form["action"]) if form["action"] else page_url
        return SignInForm(action, form["method"].upper() or "POST", fields, user, password)
    raise ValueError("the sign-in page has no form with a password field")
