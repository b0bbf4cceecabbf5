"""Forms of the learner pages: accounts, profile, deleting an account, checking a code."""

import json

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from courses.models import Country, Subsector
from standards import baking

from .models import Profile


def _snippet_choices(model, value_field):
    """Choices from a translatable snippet in the current language, falling back to the
    source language, keyed by its language-neutral code."""
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    names = {}
    for item in model.objects.filter(
        locale__language_code__in={language, settings.LANGUAGE_CODE}
    ).select_related("locale"):
        key = getattr(item, value_field)
        if item.locale.language_code == language or key not in names:
            names[key] = item.name
    return [("", "—")] + sorted(names.items(), key=lambda pair: pair[1])


class ProfileFieldsMixin:
    def setup_profile_fields(self):
        self.fields["country"].widget = forms.Select(choices=_snippet_choices(Country, "code"))
        self.fields["subsector"].widget = forms.Select(choices=_snippet_choices(Subsector, "slug"))
        # A list of countries by name needs no note on the code behind it.
        self.fields["country"].help_text = ""

    def clean_country(self):
        value = self.cleaned_data.get("country", "").upper()
        if value and not Country.objects.filter(code=value).exists():
            raise forms.ValidationError(_("Choose a country from the list."))
        return value

    def clean_subsector(self):
        value = self.cleaned_data.get("subsector", "")
        if value and not Subsector.objects.filter(slug=value).exists():
            raise forms.ValidationError(_("Choose a subsector from the list."))
        return value


class SignupForm(UserCreationForm):
    email = forms.EmailField(
        label=_("Email"), help_text=_("For resetting your password. We never show it to others.")
    )
    preferred_language = forms.ChoiceField(label=_("Preferred language"), choices=())

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ["username", "first_name", "last_name", "email"]
        help_texts = {"first_name": _("Your name as it will be printed on your certificates.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["preferred_language"].choices = settings.LANGUAGES
        self.fields["preferred_language"].initial = (get_language() or "en").split("-")[0]

    def clean_email(self):
        email = self.cleaned_data["email"]
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("An account with this email address already exists."))
        return email

    def save(self, commit=True):
        user = super().save(commit=commit)
        if commit:
            Profile.objects.update_or_create(
                user=user,
                defaults={"preferred_language": self.cleaned_data["preferred_language"]},
            )
        return user


class AccountForm(forms.ModelForm):
    class Meta:
        model = get_user_model()
        fields = ["first_name", "last_name", "email"]
        help_texts = {"first_name": _("Your name as it appears on certificates.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True

    def clean_email(self):
        email = self.cleaned_data["email"]
        others = get_user_model().objects.exclude(pk=self.instance.pk)
        if others.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("An account with this email address already exists."))
        return email


class ProfileForm(ProfileFieldsMixin, forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["preferred_language", "country", "subsector", "organisation", "lesson_emails"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_profile_fields()


class CertificateNameForm(forms.Form):
    """The name a certificate prints, confirmed or corrected by the learner."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my progress and quiz attempts will be deleted for good."),
    )


class CertificateVerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Certificate code"),
        max_length=40,
        help_text=_("The code printed on the certificate, e.g. K3QF-7ZPA-M2XD-4RTB."),
    )


class CredentialUploadForm(forms.Form):
    """An Open Badges 3.0 credential file, as downloaded from a certificate's page: the JSON,
    or the badge image (SVG) with the credential baked in (standards.baking)."""

    MAX_BYTES = 256 * 1024

    credential = forms.FileField(
        label=_("Credential file"),
        help_text=_(
            "The certificate's credential (.json) or its badge image (.svg), as downloaded "
            "from its page."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".json,.svg,application/json,application/ld+json,image/svg+xml"}
        ),
    )

    def clean_credential(self):
        upload = self.cleaned_data["credential"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)s KB.") % {"size": self.MAX_BYTES // 1024}
            )
        data = upload.read()
        if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
            try:
                return baking.extract(data)
            except baking.NotBaked:
                raise forms.ValidationError(
                    _("The image has no Open Badges credential baked in.")
                ) from None
        try:
            document = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise forms.ValidationError(_("The file is not a JSON credential.")) from None
        if not isinstance(document, dict):
            raise forms.ValidationError(_("The file is not a JSON credential."))
        return document


class PositionForm(forms.Form):
    position = forms.CharField(label=_("Position"), max_length=255, required=False)
    time_spent = forms.IntegerField(
        label=_("Time spent (seconds)"), min_value=0, max_value=10_000_000, required=False
    )
