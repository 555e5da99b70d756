from allauth.account.forms import ResetPasswordForm
from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from organisations.models import Role


class InvitationForm(forms.Form):
    display_name = forms.CharField(label=_("Their name, as colleagues will see it"), max_length=150)
    email = forms.EmailField(label=_("Their email address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class AcceptInvitationForm(forms.Form):
    password = forms.CharField(
        label=_("Choose a password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters. A few unrelated words work well."),
    )
    password_again = forms.CharField(
        label=_("The same password again"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args, email: str, **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        password, again = data.get("password"), data.get("password_again")
        if password and again and password != again:
            self.add_error("password_again", _("The two passwords are different. Please type them again."))
        elif password:
            from .models import User

            try:
                password_validation.validate_password(password, User(email=self.email))
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data


class ProvedAddressResetPasswordForm(ResetPasswordForm):
    """allauth's reset form, sending the link only to an address the account has proved."""

    def clean_email(self) -> str:
        from .services import accounts_a_password_reset_may_reach

        email = super().clean_email()
        self.users = accounts_a_password_reset_may_reach(self.users, email)
        return email
