from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from .middleware import SESSION_KEY
from .models import Membership


@login_required
@require_POST
def switch(request: HttpRequest) -> HttpResponse:
    """Work in another of the user's organisations. Only one organisation's people show at a time."""
    membership = (
        Membership.objects.active().filter(user=request.user, organisation_id=request.POST.get("organisation")).first()
    )
    if membership is not None:
        request.session[SESSION_KEY] = membership.organisation_id
    return redirect("home:dashboard")
