"""Pages load cleanly: no request answers an error (such as a missing favicon), nothing is logged
to the browser's console as an error."""

import pytest

pytestmark = pytest.mark.browser


def test_signing_in_and_opening_a_record_log_no_error_and_request_nothing_missing(cast, new_context, signed_in):
    context = new_context(bypass_csp=False)
    failed: list[str] = []
    errors: list[str] = []
    context.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    context.on("requestfailed", lambda r: failed.append(f"failed {r.url}"))
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    page.goto("/accounts/login/")
    signed_in(context, "cleo")
    for path in ["/", "/peers/", f"/peers/{cast.amara.pk}/"]:
        page.goto(path)
        page.wait_for_load_state("networkidle")

    assert failed == []
    assert errors == []
