"""Pages load cleanly: no request answers an error (such as a missing favicon), nothing is logged
to the browser's console as an error."""

import pytest

pytestmark = pytest.mark.browser


def test_signing_in_and_opening_a_record_log_no_error_and_request_nothing_missing(cast, new_context, signed_in):
    context = new_context(bypass_csp=False)
    failed: list[str] = []
    errors: list[str] = []
    context.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    # A request the browser itself abandons when the next page starts loading is not a failure.
    context.on(
        "requestfailed", lambda r: failed.append(f"failed {r.url}") if "ABORTED" not in (r.failure or "") else None
    )
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    page.goto("/accounts/login/")
    signed_in(context, "cleo")
    for path in ["/", "/peers/", f"/peers/{cast.amara.pk}/"]:
        page.goto(path)
        page.wait_for_load_state("networkidle")

    assert failed == []
    assert errors == []
