"""Reading the HTML forms of a sign-in, so practice mode can sign in without a browser.

Only what plain forms need: each form's action and method, and its inputs (hidden ones
carry the OAuth parameters, or a provider's interaction state, through the POST). A sign-in
form has a password field; a consent form ("allow opiq-admin to …") has none and is sent
as it is, as a person pressing its first button would.
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
    password_field: str = "password"  # noqa: S105  (a field name; "" for a form without one)

    @property
    def asks_password(self) -> bool:
        return bool(self.password_field)

    def filled(self, username: str, password: str) -> dict[str, str]:
        if not self.asks_password:
            return dict(self.fields)
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


def _form(form: dict[str, Any], page_url: str) -> SignInForm:
    inputs = form["inputs"]
    password = next((i["name"] for i in inputs if i.get("type") == "password"), "")
    user = next((i["name"] for i in inputs
                 if i.get("type", "text") in ("text", "email") and i["name"] != password),
                "username") if password else ""
    fields = {i["name"]: i.get("value", "") for i in inputs
              if i.get("type") not in ("submit", "button", "image", "reset", "checkbox",
                                       "radio")
              and i["name"] not in (user, password)}
    for box in inputs:  # checked boxes and radio buttons go as a browser sends them
        if box.get("type") in ("checkbox", "radio") and "checked" in box:
            fields.setdefault(box["name"], box.get("value") or "on")
    # A person presses the first submit button (e.g. "Logi sisse", not "Katkesta").
    submit = next((i for i in inputs if i.get("type") == "submit"), None)
    if submit is not None:
        fields[submit["name"]] = submit.get("value", "")
    action = urljoin(page_url, form["action"]) if form["action"] else page_url
    return SignInForm(action, form["method"].upper() or "POST", fields, user, password)


def parse_forms(page: str, page_url: str) -> list[SignInForm]:
    """Every form of a page, in order."""
    parser = _FormParser()
    parser.feed(page)
    return [_form(form, page_url) for form in parser.forms]


def parse_sign_in_form(page: str, page_url: str) -> SignInForm:
    """The form of a sign-in page; `ValueError` when the page has none with a password."""
    for form in parse_forms(page, page_url):
        if form.asks_password:
            return form
    raise ValueError("the sign-in page has no form with a password field")


def next_form(page: str, page_url: str) -> SignInForm | None:
    """What a person fills in next on a page of a sign-in: its form with a password, else
    its first form (a consent page); None when the page has no form."""
    forms = parse_forms(page, page_url)
    return next((f for f in forms if f.asks_password), forms[0] if forms else None)
