"""A strict Content-Security-Policy: a survivor's browser talks to our server and nothing else."""

from django.db import DatabaseError

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
        # Pages about people must not linger in shared or public computers' caches.
        if _signed_in(request):
            response.setdefault("Cache-Control", "no-store")
        return response


def _signed_in(request) -> bool:
    """Whether someone is signed in; with the database away, nobody is (alongside/errors.py's 503 page)."""
    if not hasattr(request, "user"):
        return False
    try:
        return request.user.is_authenticated
    except DatabaseError:
        return False
