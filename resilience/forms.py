from django import forms

from .models import RetentionSettings


class RetentionForm(forms.ModelForm):
    class Meta:
        model = RetentionSettings
        fields = ["private_notes", "closed_concerns", "expired_links", "raw_story", "ended_matches"]


class EndSessionForm(forms.Form):
    session = forms.CharField(max_length=20, min_length=20)
    member = forms.IntegerField(required=False, min_value=1, max_value=2**62)
